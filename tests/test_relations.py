"""akg_relations on hand-built Docs: roles, outperforms/basedOn/variantOf links and results."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
import spacy

from kg.extraction import relations
from kg.extraction.relations import RelationFinder, load_cues


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("akg_relations")
    return pipeline


class Run:
    """The component's output on one text, read back by mention text."""

    def __init__(self, nlp, text: str, ents: list[tuple], known: tuple[str, ...] = ()):
        doc = nlp.make_doc(text)
        doc = nlp.get_pipe("sentencizer")(doc)
        spans = []
        for surface, label, *nth in ents:
            start = -1
            for _ in range(nth[0] if nth else 1):
                start = text.index(surface, start + 1)
            span = doc.char_span(start, start + len(surface), label=label, alignment_mode="expand")
            assert span is not None, surface
            if surface in known:  # a lexicon name: an established technique, never the paper's own
                span._.akg_extractor = "lexicon"
            spans.append(span)
        doc.spans["akg_entities"] = spans
        self.doc = nlp.get_pipe("akg_relations")(doc)
        self.names = [s.text for s in spans]

    def name(self, index):
        return None if index is None else self.names[index]

    def roles(self, role: str) -> set[str]:
        return {self.names[r.mention] for r in self.doc._.akg_roles if r.role == role}

    def links(self, predicate: str) -> set[tuple[str, str]]:
        return {(self.names[l.subject], self.names[l.object]) for l in self.doc._.akg_links if l.predicate == predicate}

    def results(self) -> list[tuple]:
        return [(r.value_text, self.name(r.subject), self.name(r.benchmark), self.name(r.metric))
                for r in self.doc._.akg_results]

    def values(self) -> list[str]:
        return [r.value_text for r in self.doc._.akg_results]


@pytest.fixture
def run(nlp):
    return lambda text, ents, known=(): Run(nlp, text, ents, known)


COLOR_AGENT = ("In this technical report, we present ColorAgent, an OS agent designed for long-horizon interactions. "
               "We evaluate ColorAgent on the AndroidWorld and AndroidLab benchmarks, achieving success rates of "
               "77.2% and 50.7%, respectively, establishing a new state of the art.")
COLOR_ENTS = [("ColorAgent", "model"), ("ColorAgent", "model", 2), ("AndroidWorld", "benchmark"),
              ("AndroidLab", "benchmark"), ("success rates", "metric")]


# ---- results: respectively and lists

def test_color_agent_gives_two_results_each_with_its_benchmark(run):
    r = run(COLOR_AGENT, COLOR_ENTS)
    assert r.results() == [("77.2%", "ColorAgent", "AndroidWorld", "success rates"),
                           ("50.7%", "ColorAgent", "AndroidLab", "success rates")]


def test_color_agent_values_are_decimals_in_the_unit_as_written(run):
    r = run(COLOR_AGENT, COLOR_ENTS)
    assert [x.value for x in r.doc._.akg_results] == [Decimal("77.2"), Decimal("50.7")]


def test_respectively_pairs_metrics_in_order(run):
    text = "Our model X-1 reaches 81.0% and 64.5% on MMLU in accuracy and F1, respectively."
    r = run(text, [("X-1", "model"), ("MMLU", "benchmark"), ("accuracy", "metric"), ("F1", "metric")])
    assert [(v, m) for v, _, _, m in r.results()] == [("81.0%", "accuracy"), ("64.5%", "F1")]


def test_interleaved_values_take_the_benchmark_after_them(run):
    text = "ToolNet achieves 77.2% on WebArena and 50.7% on Mind2Web."
    r = run(text, [("ToolNet", "method"), ("WebArena", "benchmark"), ("Mind2Web", "benchmark")])
    assert [(v, b) for v, _, b, _ in r.results()] == [("77.2%", "WebArena"), ("50.7%", "Mind2Web")]


def test_list_of_benchmarks_without_respectively_pairs_in_order(run):
    text = "On GSM8K and MATH, DeepThink scores 91.2% and 70.4%."
    r = run(text, [("GSM8K", "benchmark"), ("MATH", "benchmark"), ("DeepThink", "model")])
    assert [(v, b) for v, _, b, _ in r.results()] == [("91.2%", "GSM8K"), ("70.4%", "MATH")]


def test_one_value_after_a_benchmark_list_gets_no_benchmark(run):
    text = "Experiments on WebVoyager, Mind2Web-Live and GAIA-web show a 10% performance gain."
    r = run(text, [("WebVoyager", "benchmark"), ("Mind2Web-Live", "benchmark"), ("GAIA-web", "benchmark")])
    assert r.results() == [("10%", None, None, None)]


def test_value_in_parentheses_belongs_to_the_benchmark_before_it(run):
    text = "CTM achieves new state-of-the-art FIDs on CIFAR-10 (FID 1.73) and ImageNet (FID 1.92)."
    r = run(text, [("CTM", "method"), ("CIFAR-10", "benchmark"), ("FID", "metric", 2),
                   ("ImageNet", "benchmark"), ("FID", "metric", 3)])
    assert [(v, s, b) for v, s, b, _ in r.results()] == [("1.73", "CTM", "CIFAR-10"), ("1.92", "CTM", "ImageNet")]
    assert {m for *_, m in r.results()} == {"FID"}


def test_before_after_arrow_is_one_result_worth_the_final_number(run):
    text = r"G-RA raises the completion rate (47.6\% \rightarrow 93.8\%) on kBench."
    r = run(text, [("G-RA", "method"), ("completion rate", "metric"), ("kBench", "benchmark")])
    assert r.values() == ["47.6% → 93.8%"]
    assert r.doc._.akg_results[0].value == Decimal("93.8")


# ---- results: which numbers are results

def test_relative_claims_are_results_with_the_value_as_written(run):
    text = "UPFT matches supervised methods while reducing training time by 75% and sampling cost by 99%."
    r = run(text, [("UPFT", "method"), ("training time", "metric"), ("sampling cost", "metric")])
    assert r.results() == [("75%", "UPFT", None, "training time"), ("99%", "UPFT", None, "sampling cost")]


def test_speedups_and_qualifiers_are_kept(run):
    r = run("FastKV gives a 2.57x speedup and cuts latency by over 80%.", [("FastKV", "method"), ("latency", "metric")])
    assert r.values() == ["2.57x", "over 80%"]
    assert [x.value for x in r.doc._.akg_results] == [Decimal("2.57"), Decimal("80")]


def test_dataset_sizes_are_not_results(run):
    text = "We introduce DeepMath-103K, a dataset of approximately 103K problems and 1.2M solutions."
    assert run(text, [("DeepMath-103K", "benchmark")]).results() == []


def test_model_sizes_are_not_results(run):
    text = "We train 7B and 32B models with relatively small (7B) LLMs and a 0.5b-parameter model."
    assert run(text, []).results() == []


def test_years_and_dates_are_not_results(run):
    text = "Since 2023, AIME problems released in February 2025 have been used."
    assert run(text, []).results() == []


def test_counts_are_not_results(run):
    text = "We evaluate on 3 benchmarks with 8 tokens per prefix and 14 million instructions."
    assert run(text, []).results() == []


def test_section_numbers_and_enumerators_are_not_results(run):
    text = "As shown in Section 4 and Table 2, the agent (1) plans and (2) acts over Levels 5-9."
    assert run(text, []).results() == []


def test_numbers_inside_names_and_math_are_not_results(run):
    text = "Qwen2.5 attains an $O(T^{-1})$ bound, improving upon $O(T^{-1/2})$, on GPT-4o outputs."
    assert run(text, [("Qwen2.5", "model"), ("GPT-4o", "model")]).results() == []


def test_p_values_are_not_results(run):
    text = "FL helped small datasets (P<0.001) but not large ones (p = 0.242), a gain of 16.5% (P-value<0.0001)."
    assert run(text, []).values() == ["16.5%"]


def test_a_percentage_of_the_training_data_is_a_setting_not_a_result(run):
    assert run("Using only 10% of the training data suffices.", []).results() == []


def test_integer_scores_count_when_a_metric_follows(run):
    text = "LongCoT-RL costs 27 H100-months vs. 7 for Delethink."
    r = run(text, [("LongCoT-RL", "method"), ("H100-months", "metric"), ("Delethink", "method")])
    assert [(v, s) for v, s, _, _ in r.results()] == [("27", "LongCoT-RL"), ("7", "Delethink")]


def test_latex_percent_is_written_plainly(run):
    assert run(r"Our approach improves policy success by 44.7\%.", []).values() == ["44.7%"]


def test_fold_words_are_results(run):
    r = run("HiAgent achieves a twofold increase in success rate.", [("HiAgent", "method"), ("success rate", "metric")])
    assert r.results() == [("twofold", "HiAgent", None, "success rate")]
    assert r.doc._.akg_results[0].value == Decimal(2)


# ---- results: subjects

def test_our_method_means_the_one_named_proposal(run):
    text = ("In this paper, we propose token-level reward regularization (T-REG). Experiments on Alpaca Eval 2 "
            "and Arena-Hard show that our method outperforms baselines by up to 3.8% and 4.4%, respectively.")
    r = run(text, [("token-level reward regularization", "method"), ("T-REG", "method"),
                   ("Alpaca Eval 2", "benchmark"), ("Arena-Hard", "benchmark")])
    assert r.results() == [("up to 3.8%", "token-level reward regularization", "Alpaca Eval 2", None),
                           ("4.4%", "token-level reward regularization", "Arena-Hard", None)]


def test_no_subject_when_the_paper_names_no_proposal(run):
    r = run("Our method improves accuracy by 5.1%.", [("accuracy", "metric")])
    assert r.results() == [("5.1%", None, None, "accuracy")]


def test_what_is_matched_is_not_the_result_subject(run):
    text = "CoSER-70B performs on par, surpassing or matching GPT-4o, achieving 75.80% on InCharacter."
    r = run(text, [("CoSER-70B", "model"), ("GPT-4o", "model"), ("InCharacter", "benchmark")])
    assert r.results() == [("75.80%", "CoSER-70B", "InCharacter", None)]


def test_a_name_qualifying_a_noun_is_not_the_result_subject(run):
    text = "CISPO lets MiniMax-M1's full RL training finish with a rental cost of just $534,700."
    r = run(text, [("CISPO", "method"), ("MiniMax-M1", "model"), ("RL", "method"), ("rental cost", "metric")])
    assert r.results() == [("$534,700", "MiniMax-M1", None, "rental cost")]


def test_the_object_of_outperforms_is_not_the_result_subject(run):
    text = "Our ACE-RL framework outperforms SFT baselines by 20.70% on WritingBench."
    r = run(text, [("ACE-RL", "method"), ("SFT", "method"), ("WritingBench", "benchmark")])
    assert r.results() == [("20.70%", "ACE-RL", "WritingBench", None)]


# ---- outperforms

def test_outperforms_links_subject_to_each_listed_object(run):
    r = run("SPO outperforms GRPO and DPO on ALFWorld.", [("SPO", "method"), ("GRPO", "method"),
                                                         ("DPO", "method"), ("ALFWorld", "benchmark")])
    assert r.links("outperforms") == {("SPO", "GRPO"), ("SPO", "DPO")}


def test_surpasses_with_such_as_examples(run):
    text = "Our RLVR framework significantly outperforms aligned models such as Qwen2.5-72B and DeepSeek-R1."
    r = run(text, [("RLVR", "method"), ("Qwen2.5-72B", "model"), ("DeepSeek-R1", "model")])
    assert r.links("outperforms") == {("RLVR", "Qwen2.5-72B"), ("RLVR", "DeepSeek-R1")}


def test_passive_voice_reverses_the_direction(run):
    text = "Strong baselines such as GPT-4o are outperformed by Robix."
    r = run(text, [("GPT-4o", "model"), ("Robix", "model")])
    assert r.links("outperforms") == {("Robix", "GPT-4o")}


@pytest.mark.parametrize("claim", [
    "X-Net does not outperform GPT-4o",
    "X-Net doesn't outperform GPT-4o",
    "X-Net fails to outperform GPT-4o",
    "X-Net may outperform GPT-4o",
    "X-Net could potentially surpass GPT-4o",
    "We ask whether X-Net outperforms GPT-4o",
    "X-Net matches or surpasses GPT-4o",
])
def test_negated_or_hedged_claims_give_no_outperforms(run, claim):
    assert run(claim + " on MMLU.", [("X-Net", "model"), ("GPT-4o", "model")]).links("outperforms") == set()


def test_not_only_outperforms_is_still_a_claim(run):
    r = run("X-Net not only outperforms GPT-4o but also runs faster.", [("X-Net", "model"), ("GPT-4o", "model")])
    assert r.links("outperforms") == {("X-Net", "GPT-4o")}


def test_approaching_is_not_outperforming(run):
    text = "CAPI substantially outperforms previous MIM methods, approaching the state-of-the-art DINOv2."
    assert run(text, [("CAPI", "model"), ("DINOv2", "model")]).links("outperforms") == set()


def test_beats_seen_across_a_while_clause_is_not_carried_over(run):
    text = "X-Net beats GPT-4o, while Llama-3 trails Claude."
    r = run(text, [("X-Net", "model"), ("GPT-4o", "model"), ("Llama-3", "model"), ("Claude", "model")])
    assert r.links("outperforms") == {("X-Net", "GPT-4o")}


# ---- basedOn and variantOf

@pytest.mark.parametrize("sentence", [
    "Our model X-Math, fine-tuned from Qwen2.5-7B, is released.",
    "X-Math is built on Qwen2.5-7B and RL.",
    "X-Math is trained on Qwen2.5-7B with RL.",
    "X-Math is distilled from Qwen2.5-7B in two stages.",
])
def test_based_on_cues(run, sentence):
    r = run(sentence, [("X-Math", "model"), ("Qwen2.5-7B", "model")])
    assert r.links("basedOn") == {("X-Math", "Qwen2.5-7B")}


def test_trained_on_a_dataset_is_not_based_on(run):
    r = run("X-Math is trained on GSM8K.", [("X-Math", "model"), ("GSM8K", "benchmark")])
    assert r.links("basedOn") == set()


def test_variant_of_family_when_both_are_named(run):
    text = "We compare Qwen2.5 models: Qwen2.5-7B and Qwen2.5-72B-Instruct beat Llama."
    r = run(text, [("Qwen2.5", "model"), ("Qwen2.5-7B", "model"), ("Qwen2.5-72B-Instruct", "model"), ("Llama", "model")])
    assert r.links("variantOf") == {("Qwen2.5-7B", "Qwen2.5"), ("Qwen2.5-72B-Instruct", "Qwen2.5")}


def test_no_variant_without_the_family_in_the_text(run):
    assert run("Qwen2.5-7B is strong.", [("Qwen2.5-7B", "model")]).links("variantOf") == set()


# ---- proposes and the other roles

@pytest.mark.parametrize("sentence, proposed", [
    ("We propose Recall with Reasoning (RwR), a method.", {"Recall with Reasoning", "RwR"}),
    ("This paper introduces HiAgent, a framework for agents.", {"HiAgent"}),
    ("We present ACT-JEPA, a novel architecture that integrates IL and SSL.", {"ACT-JEPA"}),
    ("HiAgent, a novel framework, manages memory.", {"HiAgent"}),
    ("We release DeepMath-103K publicly.", {"DeepMath-103K"}),
    ("We introduce a new benchmark, called LongBench-X, for agents.", {"LongBench-X"}),
])
def test_proposes_cues(run, sentence, proposed):
    names = [n for n in ("Recall with Reasoning", "RwR", "HiAgent", "ACT-JEPA", "IL", "SSL", "DeepMath-103K", "LongBench-X")
             if n in sentence]
    label = {"DeepMath-103K": "benchmark", "LongBench-X": "benchmark"}
    r = run(sentence, [(n, label.get(n, "method")) for n in names])
    assert r.roles("proposes") == proposed


def test_title_before_a_colon_is_proposed(run):
    text = "Ctrl-World: A Controllable Generative World Model\n\nWorld models help robots."
    assert run(text, [("Ctrl-World", "model")]).roles("proposes") == {"Ctrl-World"}


def test_evaluating_on_a_benchmark_is_not_proposing_it(run):
    r = run("We propose experiments on GSM8K and evaluate on MATH.", [("GSM8K", "benchmark"), ("MATH", "benchmark")])
    assert r.roles("proposes") == set()
    assert r.roles("evaluatesOn") == {"GSM8K", "MATH"}


def test_existing_technique_applied_into_a_task_is_not_proposed(run):
    text = "Second, we introduce the attention sink mechanism into the long-horizon video generation task."
    assert run(text, [("attention sink mechanism", "method")]).roles("proposes") == set()


def test_modifier_before_the_head_word_is_skipped(run):
    text = "We propose a novel inference-time scaling approach -- stepwise self-critique (PANEL), which helps."
    r = run(text, [("inference-time scaling", "method"), ("stepwise self-critique", "method"), ("PANEL", "method")])
    assert r.roles("proposes") == {"stepwise self-critique", "PANEL"}


def test_every_type_gets_its_specific_role(run):
    text = "We fine-tune Llama-3 with GRPO and report pass@1 on AIME 2024 for mathematical reasoning."
    r = run(text, [("Llama-3", "model"), ("GRPO", "method"), ("pass@1", "metric"), ("AIME 2024", "benchmark"),
                   ("mathematical reasoning", "task")])
    assert (r.roles("usesModel"), r.roles("usesMethod"), r.roles("reportsMetric"), r.roles("evaluatesOn"),
            r.roles("addressesTask")) == ({"Llama-3"}, {"GRPO"}, {"pass@1"}, {"AIME 2024"}, {"mathematical reasoning"})


def test_training_data_is_not_evaluated_on(run):
    assert run("The model is trained on the DROID dataset.", [("DROID", "benchmark")]).roles("evaluatesOn") == set()


# ---- evidence and plumbing

def test_evidence_names_the_sentence_its_offsets_and_the_rule(run):
    r = run(COLOR_AGENT, COLOR_ENTS)
    result = r.doc._.akg_results[0]
    ev = result.evidence
    assert r.doc.text[ev.start:ev.end] == ev.sentence
    assert ev.sentence.startswith("We evaluate ColorAgent")
    assert ev.extractor == "rule:result-respectively" and 0 < ev.confidence <= 1


def test_title_and_first_sentence_are_separate_evidence(run):
    text = "ColorAgent: An OS Agent\n\nWe present ColorAgent, an agent."
    r = run(text, [("ColorAgent", "model"), ("ColorAgent", "model", 2)])
    sentences = {role.evidence.sentence for role in r.doc._.akg_roles}
    assert sentences == {"ColorAgent: An OS Agent", "We present ColorAgent, an agent."}


def test_doc_without_entities_gives_empty_lists(run):
    r = run("Nothing to see here.", [])
    assert (r.doc._.akg_roles, r.doc._.akg_links, r.doc._.akg_results) == ([], [], [])


def test_bad_cue_file_names_the_file_and_line(tmp_path):
    path = tmp_path / "cues.json"
    path.write_text('{\n  "confidence": {},\n  oops\n}')
    with pytest.raises(ValueError, match=r"cues\.json:3"):
        load_cues(path)


def test_cue_file_missing_a_list_names_it(tmp_path):
    data = json.loads(relations.CUES_PATH.read_text())
    del data["outperform_verbs"]
    path = tmp_path / "cues.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="outperform_verbs"):
        load_cues(path)


def test_factory_accepts_a_cue_file_override(tmp_path):
    data = json.loads(relations.CUES_PATH.read_text())
    data["outperform_verbs"] = ["trounces"]
    path = tmp_path / "cues.json"
    path.write_text(json.dumps(data))
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("akg_relations", config={"cues_path": str(path)})
    r = Run(pipeline, "X-Net trounces GPT-4o. X-Net outperforms Llama.",
            [("X-Net", "model"), ("GPT-4o", "model"), ("X-Net", "model", 2), ("Llama", "model")])
    assert r.links("outperforms") == {("X-Net", "GPT-4o")}


def test_component_is_a_relation_finder(nlp):
    assert isinstance(nlp.get_pipe("akg_relations"), RelationFinder)


# ---- more number forms

def test_currency_values_keep_their_sign(run):
    r = run("Training finishes with a rental cost of just $534,700.", [("rental cost", "metric")])
    assert r.results() == [("$534,700", None, None, "rental cost")]
    assert r.doc._.akg_results[0].value == Decimal("534700")


def test_latex_math_dollars_are_not_currency(run):
    assert run(r"MATTER gains $4\%$ on average.", [("MATTER", "method")]).values() == ["4%"]


def test_a_range_is_one_result_without_a_single_value(run):
    r = run(r"These methods improve verifiers by 1$\sim$2 points.", [])
    assert r.values() == ["1~2 points"]
    assert r.doc._.akg_results[0].value is None


def test_a_dashed_range_is_one_result(run):
    r = run("RAG-VR reduces end-to-end latency by 34.5%-47.3% and costs by 10-20%.", [("RAG-VR", "method")])
    assert r.values() == ["34.5%-47.3%", "10-20%"]
    assert [x.value for x in r.doc._.akg_results] == [None, None]


def test_percent_signs_with_signs_are_kept(run):
    text = "We obtain datasets in math (-8.0% relative to SOTA), web code (+14.3%) and STEM (+24.5%)."
    assert run(text, []).values() == ["-8.0%", "+14.3%", "+24.5%"]


# ---- sentence units

def test_examples_in_parentheses_are_objects(run):
    text = "Robix outperforms commercial baselines (e.g., GPT-4o and Gemini 2.5 Pro) in task execution."
    r = run(text, [("Robix", "model"), ("GPT-4o", "model"), ("Gemini 2.5 Pro", "model")])
    assert r.links("outperforms") == {("Robix", "GPT-4o"), ("Robix", "Gemini 2.5 Pro")}


def test_units_glue_pieces_that_start_in_lower_case(nlp):
    doc = nlp.make_doc("Robix beats GPT-4o (e.g. on WebArena) and runs fast.")
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "e.g."
    assert [u.text for u in relations.split_units(doc)] == ["Robix beats GPT-4o (e.g. on WebArena) and runs fast."]


# ---- the paper's own proposal as a subject

def test_the_proposal_named_outside_its_mentions_is_still_the_subject(run):
    text = "We present Robix, a unified model. Experiments show that Robix outperforms GPT-4o."
    r = run(text, [("Robix", "model"), ("GPT-4o", "model")])  # the second "Robix" is not marked
    assert r.links("outperforms") == {("Robix", "GPT-4o")}


def test_a_released_dataset_is_the_subject_when_nothing_else_is_proposed(run):
    text = "We present Essential-Web v1.0, a new dataset. With simple filters we obtain gains of +14.3% in code."
    r = run(text, [("Essential-Web v1.0", "benchmark")])
    assert r.results() == [("+14.3%", "Essential-Web v1.0", None, None)]


def test_two_named_proposals_leave_our_method_unresolved(run):
    text = "We propose AlphaNet and BetaNet. Our method improves accuracy by 3.1%."
    r = run(text, [("AlphaNet", "method"), ("BetaNet", "method"), ("accuracy", "metric")])
    assert r.results() == [("3.1%", None, None, "accuracy")]


def test_other_variants_of_a_method_are_not_that_method(run):
    text = "CISPO converges faster, outperforming other competitive RL variants."
    assert run(text, [("CISPO", "method"), ("RL", "method")]).links("outperforms") == set()


# ---- real seed sentences (/work/shared/seeds/, quoted verbatim)

SEED_TREG = ("Experiments on the instruction following benchmarks, including Alpaca Eval 2 and Arena-Hard, show that "
             "our method consistently outperforms baseline methods by up to 3.8% and 4.4%, respectively.")


def test_seed_t_reg_respectively_without_a_named_subject(run):
    r = run(SEED_TREG, [("Alpaca Eval 2", "benchmark"), ("Arena-Hard", "benchmark")])
    assert r.results() == [("up to 3.8%", None, "Alpaca Eval 2", None), ("4.4%", None, "Arena-Hard", None)]


SEED_RLVR = ("Through comprehensive experiments, our RLVR framework establishes clear performance gains, significantly "
             "outperforming state-of-the-art open-source aligned models such as Qwen2.5-72B and "
             "DeepSeek-R1-Distill-Qwen-32B across domains in free-form settings.")


def test_seed_rlvr_outperforming_such_as_list(run):
    r = run(SEED_RLVR, [("RLVR", "method"), ("Qwen2.5-72B", "model"), ("DeepSeek-R1-Distill-Qwen-32B", "model")],
            known=("RLVR",))
    assert r.links("outperforms") == {("RLVR", "Qwen2.5-72B"), ("RLVR", "DeepSeek-R1-Distill-Qwen-32B")}
    assert r.roles("proposes") == set()  # "our RLVR framework" adopts RLVR, it does not introduce it


SEED_CTRL_WORLD = ("Trained on the DROID dataset (95k trajectories, 564 scenes), our model generates spatially and "
                   "temporally consistent trajectories under novel scenarios and new camera placements for over 20 "
                   "seconds. Moreover, by synthesizing successful trajectories in imagination and using them for "
                   r"supervised fine-tuning, our approach can improve policy success by 44.7\%.")


def test_seed_ctrl_world_sizes_and_durations_are_not_results(run):
    r = run("Ctrl-World: A Controllable Generative World Model\n\n" + SEED_CTRL_WORLD,
            [("Ctrl-World", "model"), ("DROID", "benchmark"), ("supervised fine-tuning", "method"),
             ("policy success", "metric")])
    assert r.results() == [("44.7%", "Ctrl-World", None, "policy success")]
    assert r.roles("evaluatesOn") == set()  # DROID is training data here


SEED_DEEPMATH = ("To address these limitations, we introduce DeepMath-103K, a new, large-scale dataset comprising "
                 "approximately 103K mathematical problems, specifically designed to train advanced reasoning models "
                 "via RL. DeepMath-103K is curated through a rigorous pipeline involving source analysis, stringent "
                 "decontamination against numerous benchmarks, and filtering for high difficulty (primarily Levels "
                 "5-9), significantly exceeding existing open resources in challenge.")


def test_seed_deepmath_is_proposed_and_has_no_results(run):
    r = run(SEED_DEEPMATH, [("DeepMath-103K", "benchmark"), ("RL", "method"), ("DeepMath-103K", "benchmark", 2)])
    assert r.roles("proposes") == {"DeepMath-103K"}
    assert r.results() == []


SEED_PANEL = ("In this paper, we propose a novel inference-time scaling approach -- stepwise natural language "
              "self-critique (PANEL), which employs self-generated natural language critiques as feedback to guide "
              "the step-level search process.")


def test_seed_panel_proposes_the_named_approach_not_its_family(run):
    r = run(SEED_PANEL, [("inference-time scaling", "method"), ("stepwise natural language self-critique", "method"),
                         ("PANEL", "method")])
    assert r.roles("proposes") == {"stepwise natural language self-critique", "PANEL"}


# ---- more proposes cues

def test_passive_a_novel_x_is_proposed(run):
    text = "On this basis, a novel Cluster-Aware Update (CAMU) strategy is proposed, which treats clusters as units."
    r = run(text, [("Cluster-Aware Update", "method"), ("CAMU", "method")])
    assert r.roles("proposes") == {"Cluster-Aware Update", "CAMU"}


def test_passive_with_a_definite_article_is_not_a_proposal(run):
    r = run("The GRPO objective is introduced in prior work.", [("GRPO", "method")])
    assert r.roles("proposes") == set()


def test_we_call_names_the_proposal_even_when_only_its_alias_is_marked(run):
    text = "We generate data in a process we call Longtail Guidance (LTG)."
    assert run(text, [("LTG", "method")]).roles("proposes") == {"LTG"}


def test_a_name_glued_to_a_modifier_is_not_the_proposal(run):
    text = "We propose a Graphormer-enhanced risk-aware task planning framework."
    assert run(text, [("Graphormer", "method")]).roles("proposes") == set()


def test_a_name_before_a_head_noun_after_a_new_is_not_the_proposal(run):
    text = "For expressivity, we propose a new SSM parameterization based on the companion matrix."
    assert run(text, [("SSM", "method")]).roles("proposes") == set()


def test_a_benchmark_described_at_length_is_not_named_by_what_it_spans(run):
    text = "We introduce the first comprehensive benchmark spanning outdoor environments, Habitat scenes, and more."
    assert run(text, [("Habitat", "benchmark")]).roles("proposes") == set()


def test_part_of_an_expansion_in_parentheses_is_not_an_alias(run):
    text = "In this paper, we introduce SAAP (Self-Attention with Asymmetric Partitions), which helps."
    r = run(text, [("SAAP", "method"), ("Self-Attention", "method")])
    assert r.roles("proposes") == {"SAAP"}


def test_a_list_after_a_colon_is_proposed(run):
    text = "Our benchmark comprises two main categories: LSR-Transform and LSR-Synth."
    r = run("We introduce LLM-SRBench. " + text, [("LLM-SRBench", "benchmark"), ("LSR-Transform", "benchmark"),
                                                 ("LSR-Synth", "benchmark")])
    assert r.roles("proposes") == {"LLM-SRBench", "LSR-Transform", "LSR-Synth"}


def test_enumerated_new_metrics_are_proposed(run):
    text = "RegD is a novel framework with two new metrics: (1) depth distance and (2) boundary distance."
    r = run(text, [("RegD", "method"), ("depth distance", "metric"), ("boundary distance", "metric")])
    assert r.roles("proposes") == {"RegD", "depth distance", "boundary distance"}


# ---- robustness

def test_variant_and_family_in_different_sentences(run):
    text = "We study the Qwen2.5 family. Our best result uses Qwen2.5-7B-Instruct."
    r = run(text, [("Qwen2.5", "model"), ("Qwen2.5-7B-Instruct", "model")])
    assert r.links("variantOf") == {("Qwen2.5-7B-Instruct", "Qwen2.5")}
    link = r.doc._.akg_links[0]
    assert link.evidence.sentence == "Our best result uses Qwen2.5-7B-Instruct."


def test_doc_without_sentence_boundaries_is_one_unit():
    nlp = spacy.blank("en")
    nlp.add_pipe("akg_relations")
    doc = nlp.make_doc("X-Net outperforms GPT-4o. It reaches 81.5% accuracy.")
    doc.spans["akg_entities"] = [doc.char_span(0, 5, label="model"), doc.char_span(18, 24, label="model"),
                                 doc.char_span(43, 51, label="metric")]
    doc = nlp.get_pipe("akg_relations")(doc)
    assert [(l.subject, l.object) for l in doc._.akg_links] == [(0, 1)]
    assert [(r.value_text, r.metric) for r in doc._.akg_results] == [("81.5%", 2)]
    assert doc._.akg_results[0].evidence.sentence == doc.text


def test_every_extractor_name_is_a_rule_with_a_bounded_confidence(run):
    r = run(COLOR_AGENT, COLOR_ENTS)
    evidence = [x.evidence for x in [*r.doc._.akg_roles, *r.doc._.akg_links, *r.doc._.akg_results]]
    assert evidence and all(e.extractor.startswith("rule:") and 0 < e.confidence <= 1 for e in evidence)


# ---- results: general rules (round 2)

def test_a_benchmark_right_before_the_number_keeps_it(run):
    text = "With GPT-4o-mini we beat the state of the art on ProntoQA by 21.20% and by 50.50% on ProofWriter."
    r = run(text, [("GPT-4o-mini", "model"), ("ProntoQA", "benchmark"), ("ProofWriter", "benchmark")])
    assert [(v, b) for v, _, b, _ in r.results()] == [("21.20%", "ProntoQA"), ("50.50%", "ProofWriter")]


def test_results_on_a_benchmark_frame_the_claim_of_our_method(run):
    text = "Results on the Walker2d benchmark show that our approach gains 67.7% in return."
    r = run(text, [("Walker2d", "benchmark")])
    assert [(v, b) for v, _, b, _ in r.results()] == [("67.7%", "Walker2d")]


def test_and_our_model_starts_a_new_claim_without_the_earlier_benchmark(run):
    text = "ACE-RL gains 20.7% on WritingBench, and our best model surpasses GPT-4o by 7.1%."
    r = run(text, [("ACE-RL", "method"), ("WritingBench", "benchmark"), ("GPT-4o", "model")])
    assert [(v, b) for v, _, b, _ in r.results()] == [("20.7%", "WritingBench"), ("7.1%", None)]


def test_a_mention_after_and_can_be_the_subject_of_its_own_clause(run):
    text = "We compare with GRPO on MATH, and DAPO reaches 50.2% accuracy."
    r = run(text, [("GRPO", "method"), ("MATH", "benchmark"), ("DAPO", "method"), ("accuracy", "metric")])
    assert r.results() == [("50.2%", "DAPO", "MATH", "accuracy")]


def test_the_second_of_a_listed_pair_is_not_the_subject(run):
    text = "TreeRL and TreeRL-Lite reach 61.0% on MATH."
    r = run(text, [("TreeRL", "method"), ("TreeRL-Lite", "method"), ("MATH", "benchmark")])
    # nor the first: one number for two named systems has no subject (DECISIONS-corpus.md, dev_corpus9)
    assert [s for _, s, _, _ in r.results()] == [None]


def test_objects_of_an_opening_gerund_phrase_are_not_the_subject(run):
    text = "Combining LoRA and CISPO enables Nova-7B to finish training at a cost of $5,000."
    r = run(text, [("LoRA", "method"), ("CISPO", "method"), ("Nova-7B", "model")])
    assert [s for _, s, _, _ in r.results()] == ["Nova-7B"]


def test_a_subject_after_an_opening_gerund_phrase_with_a_comma_counts(run):
    text = "Using LoRA, Nova-7B reaches 71.3% on GSM8K overall."
    r = run(text, [("LoRA", "method"), ("Nova-7B", "model"), ("GSM8K", "benchmark")])
    assert r.results() == [("71.3%", "Nova-7B", "GSM8K", None)]


def test_a_percent_to_percent_span_is_one_range(run):
    r = run("HALO gains around 67.7% to 123.2% in return.", [("HALO", "method")])
    assert r.values() == ["around 67.7% to 123.2%"]
    assert r.doc._.akg_results[0].value is None


def test_ranging_from_is_a_range_but_from_to_is_the_final_number(run):
    r = run("ADZUS reached Dice scores ranging from 88.7% to 92.9%, up from 40% to 60% before.", [("ADZUS", "method")])
    assert r.values() == ["88.7% to 92.9%", "60%"]


def test_a_range_of_the_data_is_a_setting(run):
    r = run("HAR-DoReMi gains 6.5% with only 30% to 50% of the data.", [("HAR-DoReMi", "method")])
    assert r.values() == ["6.5%"]


def test_the_number_after_vs_is_the_baseline_s(run):
    r = run("APR gives higher accuracy (83.4% vs. 60.0% at 4k context).", [("APR", "method"), ("accuracy", "metric")])
    assert [(v, s) for v, s, _, _ in r.results()] == [("83.4%", "APR"), ("60.0%", None)]


def test_a_metric_held_by_one_number_is_not_given_to_the_next(run):
    text = "Our method LoCo shows a 6.35% improvement in accuracy and a 3.24% reduction in forgetting."
    r = run(text, [("LoCo", "method"), ("accuracy", "metric")])
    assert [(v, m) for v, _, _, m in r.results()] == [("6.35%", "accuracy"), ("3.24%", None)]


def test_every_announced_item_of_an_enumeration_is_proposed(run):
    text = ("Our benchmark comprises two main categories: LSR-T, which transforms known laws, "
            "and LSR-S, which introduces synthetic problems.")
    r = run(text, [("LSR-T", "benchmark"), ("LSR-S", "benchmark")])
    assert r.roles("proposes") == {"LSR-T", "LSR-S"}


def test_an_enumeration_takes_no_more_items_than_announced(run):
    text = "We introduce two new metrics: (1) depth distance, (2) boundary distance, and compare with (3) cosine distance."
    r = run(text, [("depth distance", "metric"), ("boundary distance", "metric"), ("cosine distance", "metric")])
    assert r.roles("proposes") == {"depth distance", "boundary distance"}


def test_evaluating_on_enumerated_splits_is_not_proposing_them(run):
    text = "Finally, we evaluate our method on two splits: COCO-half + LVIS and LVIS + VG."
    r = run(text, [("COCO-half", "benchmark"), ("LVIS", "benchmark")])
    assert r.roles("proposes") == set()


# ---- outperforms: quantitative comparisons (round 2)

def test_a_number_over_a_named_method_is_an_outperforms_claim(run):
    text = "Cache-Craft reduces redundant computation by 51% over SOTA prefix-caching and 75% over full recomputation."
    r = run(text, [("Cache-Craft", "method"), ("redundant computation", "metric"), ("prefix-caching", "method"),
                   ("full recomputation", "method")])
    assert r.links("outperforms") == {("Cache-Craft", "prefix-caching"), ("Cache-Craft", "full recomputation")}
    assert {l.evidence.extractor for l in r.doc._.akg_links} == {"rule:better-by"}


def test_a_times_faster_than_claim_is_an_outperforms_claim(run):
    r = run("SiT-X trains 4.8x faster than SiT overall.", [("SiT-X", "method"), ("SiT", "method", 2)])
    assert r.links("outperforms") == {("SiT-X", "SiT")}


def test_a_drop_compared_to_a_method_is_not_an_outperforms_claim(run):
    r = run("PruneX drops accuracy by 2% compared to LoRA.", [("PruneX", "method"), ("LoRA", "method")])
    assert r.links("outperforms") == set()


def test_a_hedged_quantitative_comparison_is_not_an_outperforms_claim(run):
    r = run("FastKV may give a 2x speedup over vLLM.", [("FastKV", "method"), ("vLLM", "method")])
    assert r.links("outperforms") == set()


def test_a_comparison_with_an_unnamed_baseline_gives_no_pair(run):
    r = run("FastKV gives a 2x speedup over strong baselines.", [("FastKV", "method")])
    assert r.links("outperforms") == set()


def test_the_title_topic_qualifying_a_proposed_approach_is_proposed(run):
    text = ("Driving Cars with Multi-Timescale Hierarchical RL\n\n"
            "Therefore, we propose a multi-timescale hierarchical RL approach.")
    r = run(text, [("Multi-Timescale Hierarchical RL", "method"), ("multi-timescale hierarchical RL", "method")])
    assert "multi-timescale hierarchical RL" in r.roles("proposes")


def test_a_modifier_absent_from_the_title_is_not_proposed(run):
    text = "Driving with Hierarchies\n\nWe propose a Transformer-based planning approach."
    r = run(text, [("Transformer", "method")])
    assert r.roles("proposes") == set()


def test_contributions_that_are_threefold_are_not_a_result(run):
    r = run("Our contributions are threefold: a dataset, a model and a twofold speedup.", [])
    assert r.values() == ["twofold"]


def test_split_units_reads_a_stored_text_copy(nlp):
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc("One claim. Two claims."))
    doc.user_data[relations.TEXT_KEY] = doc.text.upper()  # a marked copy shows which text was read
    assert [u.text for u in relations.split_units(doc)] == ["ONE CLAIM.", "TWO CLAIMS."]


# ---- proposals: adopted descriptive parts, own training, plain appositives, titles

def test_a_later_mention_of_the_proposal_introduces_its_components(run):
    text = ("We propose Agents Co-Evolution (ACE), a framework for decisions. "
            "ACE introduces a dual-role trajectory refinement mechanism where LLMs act as critics.")
    r = run(text, [("Agents Co-Evolution", "method"), ("ACE", "method"), ("ACE", "method", 2),
                   ("dual-role trajectory refinement mechanism", "method")])
    assert "dual-role trajectory refinement mechanism" in r.roles("proposes")


@pytest.mark.parametrize("sentence, part", [
    ("Furthermore, we incorporate an entropy-based soft blending mechanism that balances exploration.",
     "entropy-based soft blending mechanism"),
    ("In this work, we enhance web agents with an explicit rollback mechanism.", "rollback mechanism"),
    ("In the first stage, we utilize a Bug Locator to pinpoint bug locations.", "Bug Locator"),
])
def test_we_adopt_a_new_part_proposes_it(run, sentence, part):
    assert run(sentence, [(part, "method")]).roles("proposes") == {part}


def test_we_use_the_existing_method_is_not_a_proposal(run):
    r = run("We utilize the PPO algorithm and compare against a Transformer.", [("PPO", "method"), ("Transformer", "method")])
    assert r.roles("proposes") == set()


def test_a_model_trained_on_our_data_is_proposed(run):
    text = "Based on MatDetector trained on our materials knowledge base, MATTER keeps concepts intact."
    assert "MatDetector" in run(text, [("MatDetector", "model")]).roles("proposes")


@pytest.mark.parametrize("sentence, name", [
    ("We instantiate this idea with Delethink, an RL environment that structures reasoning into chunks.", "Delethink"),
    ("Labels are produced by EAI-Distill-0.5b, a fine-tuned 0.5b-parameter model that agrees with annotators.",
     "EAI-Distill-0.5b"),
    ("HiRA is a framework that separates planning from execution.", "HiRA"),
])
def test_a_coined_name_described_by_an_appositive_is_proposed(run, sentence, name):
    assert run(sentence, [(name, "method")]).roles("proposes") == {name}


def test_an_appositive_after_on_describes_a_used_benchmark(run):
    text = "We evaluate on WebShop, an environment for online shopping."
    assert run(text, [("WebShop", "method")]).roles("proposes") == set()


def test_the_title_names_the_proposal_behind_a_head_word(run):
    text = ("Multi-Timescale Hierarchical Reinforcement Learning for Driving\n\n"
            "Therefore, we propose a multi-timescale hierarchical reinforcement learning approach.")
    r = run(text, [("multi-timescale hierarchical reinforcement learning", "method")])
    assert r.roles("proposes") == {"multi-timescale hierarchical reinforcement learning"}


# ---- the paper's one named proposal

def test_the_proposal_named_in_the_title_is_the_paper_subject(run):
    text = ("Essential-Web v1.0: 24T tokens of web data\n\n"
            "We present Essential-Web v1.0, a new dataset. Labels are produced by EAI-Distill, a novel model. "
            "With simple filters we obtain gains of +14.3% in code.")
    r = run(text, [("Essential-Web v1.0", "benchmark"), ("Essential-Web v1.0", "benchmark", 2), ("EAI-Distill", "model")])
    assert r.results() == [("+14.3%", "Essential-Web v1.0", None, None)]


def test_a_descriptive_part_does_not_compete_with_the_named_proposal(run):
    text = ("We propose ACE-RL, a novel framework. We also propose a novel reward mechanism. "
            "Our top-performing model surpasses GPT-4o by 7.10%.")
    r = run(text, [("ACE-RL", "method"), ("reward mechanism", "method"), ("GPT-4o", "model")])
    assert r.results() == [("7.10%", "ACE-RL", None, None)]


def test_another_system_on_the_papers_benchmark_leaves_the_subject_empty(run):
    text = ("We introduce LLM-SRBench, a novel benchmark. We find that the best-performing system "
            "so far achieves only 31.5% symbolic accuracy.")
    r = run(text, [("LLM-SRBench", "benchmark"), ("symbolic accuracy", "metric")])
    assert r.results() == [("31.5%", None, "LLM-SRBench", "symbolic accuracy")]


def test_listed_items_named_in_parentheses_are_proposed(run):
    text = ("We introduce three core challenges: tracking evolving values (PG-Follow), anticipating moral "
            "progress (PG-Predict), and regulating the feedback loop (PG-Coevolve).")
    r = run(text, [("PG-Follow", "benchmark"), ("PG-Predict", "benchmark"), ("PG-Coevolve", "benchmark")])
    assert r.roles("proposes") == {"PG-Follow", "PG-Predict", "PG-Coevolve"}


def test_a_coined_benchmark_described_by_an_appositive_is_proposed(run):
    text = "We instantiate this idea with Delethink, an RL environment that structures reasoning into chunks."
    assert run(text, [("Delethink", "benchmark")]).roles("proposes") == {"Delethink"}


def test_a_name_before_a_latex_styled_noun_is_a_modifier(run):
    text = r"We develop a new Roblox \textit{obby} where the courses are generated in real time."
    assert run(text, [("Roblox", "method")]).roles("proposes") == set()


# ---- results: the paper's part added with "with", a benchmark after a training cue

def test_a_proposal_added_with_with_is_the_result_subject(run):
    text = "RLVR with R-HORIZON improves accuracy on standard tasks, with an increase of 7.5 on AIME2024."
    r = run("We propose R-HORIZON, a novel method. " + text,
            [("R-HORIZON", "method"), ("RLVR", "method"), ("R-HORIZON", "method", 2), ("accuracy", "metric"),
             ("AIME2024", "benchmark")])
    assert r.results() == [("7.5", "R-HORIZON", "AIME2024", "accuracy")]


def test_a_benchmark_right_before_the_numbers_counts_after_a_training_cue(run):
    text = "SpaceTime speeds up training on real-world ETTh1 data by 73% and 80% relative wall-clock time."
    r = run(text, [("SpaceTime", "model"), ("ETTh1", "benchmark"), ("wall-clock time", "metric")])
    assert r.results() == [("73%", "SpaceTime", "ETTh1", "wall-clock time"), ("80%", "SpaceTime", "ETTh1", "wall-clock time")]


@pytest.mark.parametrize("sentence, value", [
    ("Our method typically reduces by a factor 20 the fraction of memory that is looked up.", "factor 20"),
    ("Our method is faster by a factor of 3.5 overall.", "factor of 3.5"),
])
def test_by_a_factor_is_one_result(run, sentence, value):
    assert run(sentence, []).values() == [value]


def test_we_propose_a_gerund_phrase_proposes_an_action_not_a_name(run):
    text = "We propose isolating execution capability, by explicitly providing the plan."
    assert run(text, [("isolating execution capability", "method")]).roles("proposes") == set()


def test_x_based_methods_are_a_class_not_x(run):
    text = "PANEL significantly enhances performance, outperforming traditional scalar reward-based methods."
    assert run(text, [("PANEL", "method"), ("scalar reward", "method")]).links("outperforms") == set()


# ---- the paper's proposal written as "it", "the proposed method"; objects of a verb of change

FOONET = "We propose FooNet, a novel model. "


def test_the_proposed_method_surpasses_x_does_not_propose_x(run):
    r = run(FOONET + "The proposed method surpasses BarNet on GLUE.",
            [("FooNet", "model"), ("BarNet", "model"), ("GLUE", "benchmark")])
    assert r.roles("proposes") == {"FooNet"}
    assert r.links("outperforms") == {("FooNet", "BarNet")}


@pytest.mark.parametrize("sentence, expected", [
    ("It achieves 85.2% accuracy on ImageNet.", [("85.2%", "FooNet", "ImageNet", "accuracy")]),
    ("Compared to SBERT, it yields +21.8% accuracy.", [("+21.8%", "FooNet", None, "accuracy")]),
    ("Our method improves SBERT by 12%.", [("12%", "FooNet", None, None)]),
])
def test_it_and_our_method_are_the_papers_proposal(run, sentence, expected):
    ents = [("FooNet", "model"), ("ImageNet", "benchmark"), ("accuracy", "metric"), ("SBERT", "model")]
    r = run(FOONET + sentence, [e for e in ents if e[0] in FOONET + sentence])
    assert r.results() == expected


def test_it_outperforms_links_the_papers_proposal(run):
    r = run(FOONET + "Experiments show that it outperforms BarNet and BazNet on GLUE.",
            [("FooNet", "model"), ("BarNet", "model"), ("BazNet", "model"), ("GLUE", "benchmark")])
    assert r.links("outperforms") == {("FooNet", "BarNet"), ("FooNet", "BazNet")}


def test_it_does_not_outperform_stays_negated(run):
    r = run(FOONET + "It does not outperform BarNet, and it is comparable to BazNet.",
            [("FooNet", "model"), ("BarNet", "model"), ("BazNet", "model")])
    assert r.links("outperforms") == set()


# ---- more descriptive proposals

def test_a_part_added_with_with_to_an_adopted_part_is_proposed(run):
    text = "In the first stage, we utilize a Bug Locator with self-debug learning to pinpoint bugs."
    r = run(text, [("Bug Locator", "method"), ("self-debug learning", "method")])
    assert r.roles("proposes") == {"Bug Locator", "self-debug learning"}


def test_the_metric_an_unnamed_new_metric_measures_is_proposed(run):
    text = "We introduce a novel metric to quantify underthinking by measuring token efficiency in incorrect answers."
    assert run(text, [("token efficiency", "metric")]).roles("proposes") == {"token efficiency"}


def test_named_members_of_counted_new_parts_are_proposed(run):
    text = ("We propose a new agent framework that incorporates two dedicated reflection modules. "
            "The plan is verified by the plan reflection module, and the code reflection module refines code. "
            "The plan generation module drafts the plan.")
    r = run(text, [("plan reflection module", "method"), ("code reflection module", "method"),
                   ("plan generation module", "method")])
    assert r.roles("proposes") == {"plan reflection module", "code reflection module"}


def test_what_our_model_works_through_is_its_part(run):
    text = "Our model achieves precise action control through frame-level action conditioning via reinforcement learning."
    r = run(text, [("frame-level action conditioning", "method"), ("reinforcement learning", "method")])
    assert r.roles("proposes") == {"frame-level action conditioning"}  # a plain field name is not a part


def test_coordinated_descriptive_parts_with_articles_are_proposed(run):
    text = "We introduce a distribution mapping mechanism and a self-covariant loss to stabilize training."
    r = run(text, [("distribution mapping mechanism", "method"), ("self-covariant loss", "method")])
    assert r.roles("proposes") == {"distribution mapping mechanism", "self-covariant loss"}


def test_an_appositive_head_is_not_a_second_proposal(run):
    text = "We present ColorAgent, an OS agent designed for long-horizon interactions."
    assert run(text, [("ColorAgent", "model"), ("OS", "method")]).roles("proposes") == {"ColorAgent"}


def test_values_then_a_benchmark_list_of_the_same_length_pair_in_order(run):
    text = "FooNet reaches BLEU scores of 44.3 and 25.1 on WMT14 En-De and En-Fr."
    r = run(text, [("FooNet", "model"), ("BLEU", "metric"), ("WMT14 En-De", "benchmark"), ("En-Fr", "benchmark")])
    assert r.results() == [("44.3", "FooNet", "WMT14 En-De", "BLEU"), ("25.1", "FooNet", "En-Fr", "BLEU")]


@pytest.mark.parametrize("sentence", [
    "We compare with ReasonFlux, a recent framework for math reasoning.",
    "Results are compared to ReasonFlux, a framework for math reasoning.",
    "ReasonFlux, a strong baseline model, is also evaluated.",
])
def test_a_described_baseline_is_not_proposed(run, sentence):
    assert run(sentence, [("ReasonFlux", "method")]).roles("proposes") == set()


@pytest.mark.parametrize("sentence, name", [
    ("Topology optimization (TO) is a family of computational methods that derive geometries.", "Topology optimization"),
    ("We derive metrics from pretrained Energy-Based Models -- a class of generative models.", "Energy-Based Models"),
    ("We apply a sentence diversity-based approach to rank relations.", "sentence diversity"),
])
def test_class_descriptions_and_modifiers_are_not_proposed(run, sentence, name):
    assert run(sentence, [(name, "method")]).roles("proposes") == set()


def test_the_papers_own_named_benchmark_typed_system_keeps_its_result(run):
    text = "This work presents AC-Lite, a novel model. The proposed AC-Lite model achieves 82.3 CIDEr score on COCO-AC."
    r = run(text, [("AC-Lite", "benchmark"), ("AC-Lite", "benchmark", 2), ("CIDEr score", "metric"), ("COCO-AC", "benchmark")])
    assert r.results() == [("82.3", "AC-Lite", "COCO-AC", "CIDEr score")]


def test_what_a_proposal_introduces_x_into_is_not_its_part(run):
    text = ("We introduce Associative Treecall (ATR), a synthetic task. "
            "ATR introduces language-like hierarchical structure into the AR setting.")
    r = run(text, [("Associative Treecall", "method"), ("ATR", "method"), ("ATR", "method", 2), ("AR", "method")])
    assert r.roles("proposes") == {"Associative Treecall", "ATR"}


@pytest.mark.parametrize("sentence", [
    "AccuACL significantly outperforms AL baselines across various CL algorithms.",
    "On average, LDSC outperforms the baseline by 55.9% in average reward, showing its value in complex RL settings.",
])
def test_a_name_inside_a_setting_phrase_is_not_outperformed(run, sentence):
    ents = [(n, "method") for n in ("AccuACL", "CL", "LDSC", "RL") if f" {n} " in f" {sentence} "]
    assert all(obj not in ("CL", "RL") for _, obj in run(sentence, ents).links("outperforms"))


def test_an_assumption_that_x_outperforms_is_not_a_claim(run):
    text = "Our findings challenge assumptions that FMs universally outperform TS models."
    assert run(text, [("FMs", "method"), ("TS", "method")]).links("outperforms") == set()


def test_names_in_what_a_verb_of_change_changes_are_not_subjects(run):
    text = FOONET + "FooNet improves BERTScore (+3.2%) and SBERT (+21.8%) over BarNet."
    r = run(text, [("FooNet", "model"), ("FooNet", "model", 2), ("BERTScore", "metric"), ("SBERT", "model"),
                   ("BarNet", "model")])
    assert r.results() == [("+3.2%", "FooNet", None, "BERTScore"), ("+21.8%", "FooNet", None, None)]


# ---- round 4: unseen-corpus spot check

def test_a_name_right_after_across_is_a_setting_not_outperformed(run):
    text = "GraNNite delivers 10.8X higher performance than CPUs and GPUs, respectively, across GNN models."
    assert run(text, [("GraNNite", "method"), ("GNN", "method")]).links("outperforms") == set()


def test_the_compared_list_ends_after_by_a_number_and_a_setting(run):
    text = "iDSE outperforms DSE methods by 5.1x in proximity to the reference Pareto front."
    r = run(text, [("iDSE", "method"), ("DSE", "method", 2), ("Pareto", "method")])
    assert r.links("outperforms") == {("iDSE", "DSE")}


def test_our_sized_model_is_the_papers_proposal(run):
    text = FOONET + "Bridging the gap between general VLLMs and reward models, our 3B model achieves 3.3% over standard CoT overall."
    r = run(text, [("FooNet", "model"), ("VLLMs", "model"), ("CoT", "method")])
    assert r.results()[0][1] == "FooNet"
    assert r.links("outperforms") == {("FooNet", "CoT")}


def test_a_model_with_a_method_is_the_subject(run):
    text = "Notably, GPT-4o with Chain-of-Thought (CoT) achieves only 27.3% accuracy."
    r = run(text, [("GPT-4o", "model"), ("Chain-of-Thought", "method"), ("CoT", "method"), ("accuracy", "metric")])
    assert r.results() == [("27.3%", "GPT-4o", None, "accuracy")]


def test_our_model_in_a_benchmark_paper_is_not_the_benchmark(run):
    text = ("We introduce FooBench, a new benchmark for reasoning. "
            "Our 3B model is able to achieve an average improvement of 3.3% on FooBench.")
    r = run(text, [("FooBench", "benchmark"), ("FooBench", "benchmark", 2)])
    assert r.results() == [("3.3%", None, "FooBench", None)]


def test_an_opening_on_benchmark_phrase_holds_our_result(run):
    text = FOONET + "On the BIRD development set, our 3B model achieves 65.28% execution accuracy."
    r = run(text, [("FooNet", "model"), ("BIRD", "benchmark"), ("execution accuracy", "metric")])
    assert r.results() == [("65.28%", "FooNet", "BIRD", "execution accuracy")]


@pytest.mark.parametrize("sentence", [
    "FooNet was evaluated using the F1 score, 95% confidence interval (CI) and paired-sample t-tests.",
    "When we supplement FooNet with just 10% verifiable rewards, we alleviate reward hacking.",
    "FooNet matches NSGA-II with only 4.6% of the explored designs.",
])
def test_a_confidence_level_or_a_share_of_the_inputs_is_not_a_result(run, sentence):
    assert run(sentence, [("FooNet", "method")]).values() == []


def test_a_share_followed_by_a_metric_or_alone_is_still_a_result(run):
    text = "FooNet achieves 91% accuracy, as reflected in questionnaire results with 88.89%."
    assert run(text, [("FooNet", "method"), ("accuracy", "metric")]).values() == ["91%", "88.89%"]


def test_a_latex_times_value_has_no_dollar_sign(run):
    text = "FooNet achieves a $3.45\\times$ speedup over BarNet."
    assert run(text, [("FooNet", "method"), ("speedup", "metric")]).values() == ["3.45×"]


def test_the_proposed_approach_set_off_by_commas_names_it(run):
    text = "The proposed approach, DivGNN, combines two graph convolutions."
    assert run(text, [("DivGNN", "method")]).roles("proposes") == {"DivGNN"}


def test_a_title_lead_before_a_dash_is_proposed(run):
    text = "PCSI -- The Platform for Content-Structure Inference\n\nPCSI facilitates sharing information."
    assert run(text, [("PCSI", "method")]).roles("proposes") == {"PCSI"}


def test_we_adopt_and_introduce_proposes_what_is_introduced(run):
    text = "We adopt and enhance the SegGPT architecture and introduce a scribble-based annotation mechanism."
    r = run(text, [("SegGPT", "model"), ("scribble-based annotation mechanism", "method")])
    assert r.roles("proposes") == {"scribble-based annotation mechanism"}


def test_a_connection_between_names_proposes_neither(run):
    text = "We establish a connection between Koopman operator approximation and linear Recurrent Neural Networks."
    r = run(text, [("Koopman operator approximation", "method"), ("Recurrent Neural Networks", "method")])
    assert r.roles("proposes") == set()


def test_a_descriptive_head_before_an_appositive_name_is_not_proposed(run):
    text = "Ultimately, we propose a novel neuron format, QNN-alpha, which is tailored for CTR prediction."
    r = run(text, [("neuron format", "method"), ("QNN-alpha", "method")])
    assert r.roles("proposes") == {"QNN-alpha"}


def test_a_coined_name_before_a_new_contribution_head_is_proposed(run):
    text = "To evaluate spiritual relevance, we propose a novel Spiritual Insight metric and automate assessment."
    assert run(text, [("Spiritual Insight", "metric")]).roles("proposes") == {"Spiritual Insight"}


def test_a_bare_number_coordinated_after_a_number_and_its_metric_shares_it(run):
    text = "EDEN achieves a 99% success rate, within the simple scenarios, and >94% within complex floorplans."
    r = run(text, [("EDEN", "method"), ("success rate", "metric")])
    assert [m for *_, m in r.results()] == ["success rate", "success rate"]


def test_an_acceleration_in_a_metric_holds_the_number(run):
    text = "Empirically, ERW achieves a 40x acceleration in training speed compared to REPA."
    r = run(text, [("ERW", "method"), ("training speed", "metric"), ("REPA", "method")])
    assert r.results() == [("40x", "ERW", None, "training speed")]


def test_a_benchmark_papers_dataset_used_for_training_is_neither_subject_nor_benchmark(run):
    text = ("We introduce MIS, a new dataset for multi-image safety. "
            "Fine-tuning with MIS increases average accuracy by 0.83% across five general benchmarks.")
    r = run(text, [("MIS", "benchmark"), ("MIS", "benchmark", 2), ("average accuracy", "metric")])
    assert r.results() == [("0.83%", None, None, "average accuracy")]


def test_names_after_a_setting_list_are_not_outperformed(run):
    text = "Our method ProgGen outperforms competing techniques in two challenging environments: (i) PhyWorld (ii) Cart Pole."
    assert run(text, [("ProgGen", "method"), ("PhyWorld", "method")]).links("outperforms") == set()


def test_an_unnamed_system_after_an_indefinite_article_is_not_outperformed(run):
    text = "FooNet achieves a score of 79%, surpassing the 77% achieved by a computationally intensive deep learning autoencoder."
    assert run(text, [("FooNet", "method"), ("autoencoder", "method")]).links("outperforms") == set()


def test_a_number_with_its_own_changed_noun_does_not_take_an_earlier_metric(run):
    text = "FooNet places circuits while reducing congestion by 30%, timing by 9%, and wirelength by 5%."
    r = run(text, [("FooNet", "method"), ("congestion", "metric")])
    assert [m for *_, m in r.results()] == ["congestion", None, None]


def test_a_number_coordinated_without_its_own_noun_keeps_the_metric(run):
    text = "FooNet improves answer accuracy by up to 16.67% on BioASQ and 12.20% on PubMedQA."
    r = run(text, [("FooNet", "method"), ("answer accuracy", "metric"), ("BioASQ", "benchmark"), ("PubMedQA", "benchmark")])
    assert [m for *_, m in r.results()] == ["answer accuracy", "answer accuracy"]


def test_a_to_range_with_the_unit_written_once_is_one_value(run):
    text = "Performance of FooNet declines by 5.0 to 7.5 percent with auxiliary instructions."
    assert run(text, [("FooNet", "method")]).values() == ["5.0 to 7.5 percent"]


def test_the_paper_describes_an_implementation_called_x_proposes_x(run):
    text = "The paper describes a simple implementation called iStrucInd that adapts a protocol."
    assert run(text, [("iStrucInd", "method")]).roles("proposes") == {"iStrucInd"}


def test_a_second_coined_name_after_and_a_in_the_propose_clause_is_proposed(run):
    text = ("Specifically, we propose the Multi-Head Khatri-Rao Product as a superior alternative to HP "
            "and a Self-Ensemble Loss with dynamic ensemble capability.")
    r = run(text, [("Multi-Head Khatri-Rao Product", "method"), ("HP", "method"), ("Self-Ensemble Loss", "method")])
    assert r.roles("proposes") == {"Multi-Head Khatri-Rao Product", "Self-Ensemble Loss"}


def test_what_we_then_use_after_a_propose_verb_is_not_proposed(run):
    text = ("We then curate and update the data and use a dimensionality reduction approach "
            "(principal component analysis) to create the index.")
    assert run(text, [("principal component analysis", "method")]).roles("proposes") == set()


@pytest.mark.parametrize("sentence", [
    "FooBench includes 1,117 annotated samples with 741 cause-effect error pairs.",
    "Notably, FooNet is comparable to TinyLlama, which is trained on 10 times more data.",
    "Smaller FooNet models outperform models in the same family that are 10 times larger.",
])
def test_dataset_counts_and_size_ratios_are_not_results(run, sentence):
    assert run(sentence, [("FooNet" if "FooNet" in sentence else "FooBench", "method")]).values() == []


def test_a_ratio_with_a_metric_after_a_composition_verb_is_still_a_result(run):
    text = "FooBench contains hard tasks, and FooNet achieves a 3.5x speedup on them."
    assert run(text, [("FooBench", "benchmark"), ("FooNet", "method"), ("speedup", "metric")]).values() == ["3.5x"]


def test_a_past_tense_claim_verb_marks_the_subject_of_a_later_clause(run):
    text = ("Among the machine learning algorithms, XGBoost achieved the best accuracy with 94%, "
            "while among the deep learning models, LSTM delivered the highest accuracy with 99%.")
    r = run(text, [("XGBoost", "method"), ("accuracy", "metric"), ("LSTM", "method"), ("accuracy", "metric", 2)])
    assert [s for _, s, _, _ in r.results()] == ["XGBoost", "LSTM"]


def test_a_name_qualifying_sota_is_not_outperformed(run):
    text = "Sorcen outperforms the previous Unified SSL SoTA by 0.4% on linear probing."
    r = run(text, [("Sorcen", "method"), ("SSL", "method"), ("SoTA", "method")])
    assert r.links("outperforms") == set()


def test_fewer_parameters_than_a_named_method_is_not_outperforming_it(run):
    text = "FooNet requires significantly fewer tunable parameters, up to 75% fewer compared to LoRA."
    r = run(text, [("FooNet", "method"), ("LoRA", "method")])
    assert r.links("outperforms") == set()
    assert r.values() == ["up to 75%"]


def test_a_name_right_before_a_number_is_its_subject(run):
    text = "ChatGPT achieves a 54.5% success rate compared to DeepSeek 18.1%."
    r = run(text, [("ChatGPT", "model"), ("success rate", "metric"), ("DeepSeek", "model")])
    assert [s for _, s, _, _ in r.results()] == ["ChatGPT", "DeepSeek"]


def test_our_new_x_followed_by_more_of_a_name_does_not_propose_x(run):
    text = "Extensive experiments on both ImageNet-ES and our new ImageNet-ES Diverse show that Lens improves accuracy."
    r = run(text, [("ImageNet-ES", "benchmark"), ("ImageNet-ES", "benchmark", 2)])
    assert r.roles("proposes") == set()


def test_names_judged_the_most_effective_are_not_proposed(run):
    text = "Initially, 14 CNN models were tested, identifying DenseNet169, MobileNet, and ResNet152 as the most effective."
    r = run(text, [("DenseNet169", "model"), ("MobileNet", "model"), ("ResNet152", "model")])
    assert r.roles("proposes") == set()


def test_a_bound_such_as_well_below_is_not_a_result(run):
    text = "Benchmarks such as PubMedQA exhibited performance plateaus well below 100%, suggesting saturation."
    assert run(text, [("PubMedQA", "benchmark")]).values() == []


def test_lengths_and_angles_are_result_units(run):
    text = ("Experimental results demonstrate an average positional error of 9.48 mm and orientation errors of "
            "(16.13 deg, 8.98 deg, 10.47 deg) across x, y, and z axes.")
    r = run(text, [("average positional error", "metric"), ("orientation errors", "metric")])
    assert r.results() == [("9.48 mm", None, None, "average positional error"),
                           ("16.13 deg", None, None, "orientation errors"), ("8.98 deg", None, None, "orientation errors"),
                           ("10.47 deg", None, None, "orientation errors")]


def test_a_factor_past_the_numbers_metric_against_a_named_method_is_outperforming_it(run):
    text = "Our method ERW achieves a 40$\\times$ acceleration in training speed compared to REPA."
    r = run(text, [("ERW", "method"), ("training speed", "metric"), ("REPA", "method")])
    assert r.links("outperforms") == {("ERW", "REPA")}
    assert r.results() == [("40×", "ERW", None, "training speed")]


def test_a_saving_when_compared_to_a_named_method_is_outperforming_it(run):
    text = "SAAP yields a time saving of 60\\% when compared to FlashAttention-v2."
    r = run(text, [("SAAP", "method"), ("FlashAttention-v2", "method")])
    assert r.links("outperforms") == {("SAAP", "FlashAttention-v2")}
    assert r.values() == ["60%"]


def test_a_latex_multiplier_of_a_reduction_keeps_its_comparative(run):
    text = "Our method BCA uses $14\\times$ less number of parameters than VeRA and $16\\times$ smaller than LoRA."
    r = run(text, [("BCA", "method"), ("number of parameters", "metric"), ("VeRA", "method"), ("LoRA", "method")])
    assert r.values() == ["14× less", "16× smaller"]
    assert r.results()[0] == ("14× less", "BCA", None, "number of parameters")


def test_a_hyphenated_point_gain_is_a_result_and_a_benchmark_after_a_number_stays_with_it(run):
    text = "D2LoRA achieves a 1% improvement GSM8K benchmark and a 2-point improvement in ROUGE score."
    r = run(text, [("D2LoRA", "method"), ("GSM8K", "benchmark"), ("ROUGE score", "metric")])
    assert r.results() == [("1%", "D2LoRA", "GSM8K", None), ("2-point", "D2LoRA", None, "ROUGE score")]


def test_a_point_scale_is_not_a_result(run):
    text = "Annotators rated each answer on a 5-point scale."
    assert run(text, []).values() == []


def test_a_win_over_a_class_of_systems_named_after_a_method_is_not_outperforming_it(run):
    text = "RAGO achieves a 55% reduction in latency compared to RAG systems built on LLM-system extensions."
    r = run(text, [("RAGO", "method"), ("latency", "metric"), ("RAG", "method")])
    assert r.links("outperforms") == set()


def test_surpassing_traditional_baselines_of_a_kind_is_not_outperforming_the_kind(run):
    text = "DivGNN improves classification performance, surpassing traditional GNN baselines in effectiveness."
    r = run(text, [("DivGNN", "method"), ("GNN", "method")])
    assert r.links("outperforms") == set()


def test_a_multiple_of_another_models_context_size_is_not_a_result(run):
    text = "The M1 model natively supports a context length of 1 million tokens, 8x the context size of DeepSeek R1."
    r = run(text, [("M1", "model"), ("context length", "metric"), ("DeepSeek R1", "model")])
    assert r.values() == []


def test_a_change_by_orders_of_magnitude_is_a_result(run):
    text = "Our study reveals that anonymization can degrade group fairness metrics by up to four orders of magnitude."
    r = run(text, [("group fairness", "metric")])
    assert r.results() == [("up to four orders of magnitude", None, None, "group fairness")]
    assert run("The model spans three orders of magnitude in size.", []).values() == []


def test_a_time_in_only_or_under_a_duration_is_a_result(run):
    text = "This enables MiniMax-M1's full RL training to complete in only three weeks."
    assert run(text, [("MiniMax-M1", "model")]).results() == [("three weeks", "MiniMax-M1", None, None)]
    assert run("FastTD3 solves the tasks in under 3 hours.", [("FastTD3", "method")]).values() == ["under 3 hours"]
    assert run("The survey was collected in 2 days by volunteers.", []).values() == []


def test_fold_cross_validation_and_a_fourfold_kind_are_not_results(run):
    assert run("During training, we adopt a 10-fold cross-validation protocol.", []).values() == []
    assert run("A Fourfold Pathogen Reference Ontology Suite", []).values() == []
    assert run("HiAgent achieves a twofold increase in success rate.", [("HiAgent", "model")]).values() == ["twofold"]


def test_an_arxiv_identifier_is_not_a_result(run):
    text = "Our toolkit was used in models such as Light-R1 arXiv:2503.10460, TinyR1 arXiv:2503.04872 and others."
    assert run(text, [("Light-R1", "model"), ("TinyR1", "model")]).values() == []


def test_a_share_of_labelled_data_or_trainable_parameters_is_a_setting(run):
    assert run("Our method surpassed U-Net++ even when trained on all labels (100% of labelled data).", []).values() == []
    assert run("ALTA utilizes only about 8% of the trainable parameters.", [("ALTA", "method")]).values() == []


# ---- results round (dev_corpus8): value forms, one number for several measures


def test_spaced_range_is_one_value(run):
    r = run("Safe-X improves safety by 8.55 - 15.22% over agents.", [("Safe-X", "method")])
    assert r.values() == ["8.55 - 15.22%"]


def test_latex_en_dash_range_is_one_value(run):
    r = run(r"HPC-X achieves 30--50\% lower query latency.", [("HPC-X", "method"), ("query latency", "metric")])
    assert r.results() == [("30--50%", "HPC-X", None, "query latency")]


def test_spaced_subtraction_of_plain_numbers_is_no_range(run):
    assert run("We use 5 - 10 examples per prompt.", []).results() == []


def test_qualifier_before_latex_math_is_kept(run):
    r = run(r"Turb-X increases SSIM by over $9\times$ compared to the baseline.", [("Turb-X", "method"), ("SSIM", "metric")])
    assert r.values() == ["over 9×"]


def test_qualifier_keeps_its_article(run):
    r = run("Our approach achieves over a 1000x speedup for query inference.", [("speedup", "metric")])
    assert r.results() == [("over a 1000x", None, None, "speedup")]


def test_greater_than_is_a_qualifier(run):
    assert run("Precision is greater than 80%.", [("Precision", "metric")]).values() == ["greater than 80%"]


def test_qualified_factor_is_one_value(run):
    r = run("Re-ranking increases runtime by roughly a factor of 5.", [("Re-ranking", "method"), ("runtime", "metric")])
    assert r.results() == [("roughly a factor of 5", "Re-ranking", None, "runtime")]


def test_one_number_after_it_for_a_list_of_measures(run):
    text = "SkillFlow leads to considerable (24.8%, p-value = 0.006) gains in time and cost."
    r = run(text, [("SkillFlow", "method"), ("time", "metric"), ("cost", "metric")])
    assert r.results() == [("24.8%", "SkillFlow", None, "time"), ("24.8%", "SkillFlow", None, "cost")]


def test_one_number_before_it_all_of_a_list_of_measures(run):
    text = "The precision, recall and F1-score of the trees are all greater than 80%."
    r = run(text, [("precision", "metric"), ("recall", "metric"), ("F1-score", "metric")])
    assert [x[3] for x in r.results()] == ["precision", "recall", "F1-score"]
    assert set(r.values()) == {"greater than 80%"}


def test_measure_list_with_own_numbers_is_not_shared(run):
    text = "X-Net reaches 77.2% accuracy and F1 of 60.1."
    r = run(text, [("X-Net", "model"), ("accuracy", "metric"), ("F1", "metric")])
    assert r.results() == [("77.2%", "X-Net", None, "accuracy"), ("60.1", "X-Net", None, "F1")]


def test_measures_before_a_number_without_all_are_not_shared(run):
    text = "We report precision and recall; X-Net reaches 90% recall."
    r = run(text, [("precision", "metric"), ("recall", "metric", 2), ("X-Net", "model")])
    assert r.results() == [("90%", "X-Net", None, "recall")]


def test_metric_after_a_latex_bold_number(run):
    r = run(r"Even the best model achieves only \textbf{63.77\%} accuracy.", [("accuracy", "metric")])
    assert r.results() == [("63.77%", None, None, "accuracy")]


# ---- results round: who a number belongs to


def test_name_inside_into_phrase_is_not_the_subject(run):
    text = ("We propose HPC-X, a framework. When integrated into a RAG pipeline for legal summarization, "
            "it reduces hallucination rates by 30%.")
    r = run(text, [("HPC-X", "method"), ("RAG", "method"), ("hallucination rates", "metric")])
    assert r.results() == [("30%", "HPC-X", None, "hallucination rates")]


def test_for_after_a_change_amount_is_the_setting_not_the_subject(run):
    text = "SCoT reduces reasoning latency by 48% for Qwen-32B while keeping accuracy."
    r = run(text, [("SCoT", "method"), ("reasoning latency", "metric"), ("Qwen-32B", "model")])
    assert r.results() == [("48%", "SCoT", None, "reasoning latency")]


def test_for_after_a_plain_number_still_names_the_subject(run):
    text = "Training costs 27 H100-months vs. 7 for Delethink."
    r = run(text, [("H100-months", "metric"), ("Delethink", "method")])
    assert r.results()[1][:2] == ("7", "Delethink")


def test_main_proposal_is_the_paper_subject_over_its_enumerated_parts(run):
    text = ("We propose HPC-X, a compression framework. Our approach integrates three techniques: (1) K-Means, "
            "(2) Dyn-Prune and (3) Bin-Code. Our approach achieves 40% lower latency.")
    r = run(text, [("HPC-X", "method"), ("K-Means", "method"), ("Dyn-Prune", "method"), ("Bin-Code", "method"),
                   ("latency", "metric")])
    assert {"HPC-X", "K-Means"} <= r.roles("proposes")
    assert r.results() == [("40%", "HPC-X", None, "latency")]


def test_two_main_proposals_leave_our_method_unresolved(run):
    text = "We propose A-Net and we introduce B-Bench. Our method achieves 40% accuracy."
    r = run(text, [("A-Net", "method"), ("B-Bench", "method"), ("accuracy", "metric")])
    assert r.results() == [("40%", None, None, "accuracy")]


def test_hedge_split_by_a_comma_gives_no_outperforms(run):
    text = "TAMA achieves performance on par with, or surpassing GPT-3.5 and GPT-4 on table tasks."
    r = run(text, [("TAMA", "model"), ("GPT-3.5", "model"), ("GPT-4", "model")])
    assert r.links("outperforms") == set()


def test_plain_surpassing_after_a_comma_still_counts(run):
    text = "TAMA is efficient, surpassing GPT-4 on table tasks."
    r = run(text, [("TAMA", "model"), ("GPT-4", "model")])
    assert r.links("outperforms") == {("TAMA", "GPT-4")}


def test_metric_inside_the_parenthesis_wins_over_one_after_it(run):
    text = "Gains are notable for low (+10.1% exact agreement) and medium (+14.3% kappa) essays."
    r = run(text, [("exact agreement", "metric"), ("kappa", "metric")])
    assert [(x[0], x[3]) for x in r.results()] == [("+10.1%", "exact agreement"), ("+14.3%", "kappa")]


# ---- results round: outperforms objects and subjects (2,000-abstract spot check)


def test_except_names_what_was_not_outperformed(run):
    text = "The smallest variant, xV-0.5B, outperforms all evaluation methods except GPT-4o."
    assert run(text, [("xV-0.5B", "model"), ("GPT-4o", "model")]).links("outperforms") == set()


def test_relative_clause_ends_the_object_phrase(run):
    text = "AOC can outperform a baseline compression encoder that is a LoRA of the model without removing MLP layers."
    r = run(text, [("AOC", "method"), ("LoRA", "method"), ("MLP", "method")])
    assert r.links("outperforms") == set()


def test_systems_using_a_model_are_not_that_model(run):
    text = "SweRank outperforms costly agent-based systems using closed-source LLMs like Claude-3.5."
    assert run(text, [("SweRank", "method"), ("Claude-3.5", "model")]).links("outperforms") == set()


def test_named_object_before_except_still_counts(run):
    text = "X-Net outperforms GPT-4o and all other systems except humans."
    assert run(text, [("X-Net", "model"), ("GPT-4o", "model")]).links("outperforms") == {("X-Net", "GPT-4o")}


def test_a_task_after_the_verb_is_not_outperformed(run):
    text = "Models adapted with MAGNET surpass strong text encoders on token-level and sentence-level representation learning tasks."
    r = run(text, [("MAGNET", "method"), ("sentence-level representation learning", "method")])
    assert r.links("outperforms") == set()


@pytest.mark.parametrize("claim", [
    "The GPT-4o-generated datasets matched or exceeded CTGAN performance.",
    "We found that BERT sometimes outperforms CTGAN.",
])
def test_partial_or_matched_claims_give_no_outperforms(run, claim):
    ents = [(n, "model") for n in ("GPT-4o", "BERT", "CTGAN") if n in claim]
    assert run(claim, ents).links("outperforms") == set()


def test_a_name_modifying_a_noun_is_not_the_claims_subject(run):
    text = "Models with reflection demonstrate a superior CoT quality, with Kimi outperforming GPT-4o."
    r = run(text, [("CoT", "method"), ("GPT-4o", "model")])
    assert r.links("outperforms") == set()


def test_with_clause_names_its_own_subject(run):
    text = "Models with reflection demonstrate a superior CoT quality, with Kimi k1.5 outperforming GPT-4o."
    r = run(text, [("CoT", "method"), ("Kimi k1.5", "model"), ("GPT-4o", "model")])
    assert r.links("outperforms") == {("Kimi k1.5", "GPT-4o")}


def test_a_benchmark_paper_never_outperforms(run):
    text = "We introduce MME-B, a benchmark. In our analysis we find that reflection clearly outperforms GPT-4o."
    r = run(text, [("MME-B", "benchmark"), ("GPT-4o", "model")])
    assert r.links("outperforms") == set()


def test_adverb_after_a_name_does_not_make_it_a_modifier(run):
    text = "Prompting had little effect, while o1-preview almost consistently outperformed GPT-4o."
    assert run(text, [("o1-preview", "model"), ("GPT-4o", "model")]).links("outperforms") == {("o1-preview", "GPT-4o")}


def test_truncated_name_right_before_the_verb_stays_the_subject(run):
    text = "Smaller models improved: GPT-4.1 nano outperforms GPT-4o."
    assert run(text, [("GPT-4.1", "model"), ("GPT-4o", "model")]).links("outperforms") == {("GPT-4.1", "GPT-4o")}


# ---- results round: numbers that are not results, and whose numbers they are (2,000-abstract spot check)


def test_spread_after_plus_minus_is_not_a_result(run):
    r = run(r"It achieves an accuracy of $95.50\% \pm 0.84\%$ on MNIST.", [("accuracy", "metric"), ("MNIST", "benchmark")])
    assert r.results() == [("95.50%", None, "MNIST", "accuracy")]


def test_data_split_percentages_are_not_results(run):
    text = "The DCLP3 dataset (n=112) was split (80%-10%-10%) for training, validation, and testing."
    assert run(text, [("DCLP3", "benchmark")]).results() == []


def test_percentage_range_in_math_is_not_dollars(run):
    r = run("The winning copy improved the click-through rate by $38.5-45.21$%.", [("click-through rate", "metric")])
    assert r.results() == [("38.5-45.21%", None, None, "click-through rate")]


def test_dollar_amounts_are_still_currency(run):
    assert run("The rental cost is $534,700 and a run costs $20.", []).values() == ["$534,700", "$20"]


def test_relative_clause_holds_its_numbers(run):
    text = "DeepSeek-R1 achieved an accuracy of 82%, outperforming O3 Mini, which attained 72% and 75% respectively."
    r = run(text, [("DeepSeek-R1", "model"), ("accuracy", "metric"), ("O3", "model")])
    assert [x[:2] for x in r.results()] == [("82%", "DeepSeek-R1"), ("72%", "O3"), ("75%", "O3")]


# ---- results round: proposals


def test_a_counted_list_the_paper_evaluates_is_not_proposed(run):
    text = "We evaluate six metrics: faithfulness, answer correctness, and context recall."
    r = run(text, [("faithfulness", "metric"), ("answer correctness", "metric"), ("context recall", "metric")])
    assert r.roles("proposes") == set()


def test_a_counted_list_the_paper_introduces_is_proposed(run):
    text = "We introduce two new metrics: depth distance and boundary distance."
    r = run(text, [("depth distance", "metric"), ("boundary distance", "metric")])
    assert r.roles("proposes") == {"depth distance", "boundary distance"}


def test_we_first_design_proposes(run):
    text = "We first design a height self-attention module for 3D feature extraction."
    assert run(text, [("height self-attention module", "method")]).roles("proposes") == {"height self-attention module"}


def test_proposal_opening_the_sentence_works_with_a_described_part(run):
    text = ("We propose HS-STaR, a sampling framework. HS-STaR first performs lightweight pre-sampling with a "
            "reward-guided difficulty estimation strategy.")
    r = run(text, [("HS-STaR", "method"), ("HS-STaR", "method", 2), ("reward-guided difficulty estimation strategy", "method")])
    assert "reward-guided difficulty estimation strategy" in r.roles("proposes")


def test_our_model_with_a_described_mechanism_proposes_it(run):
    text = "Our model maintains long-horizon consistency with a pose-conditioned memory retrieval mechanism."
    r = run(text, [("pose-conditioned memory retrieval mechanism", "method")])
    assert r.roles("proposes") == {"pose-conditioned memory retrieval mechanism"}


def test_a_known_technique_used_with_an_article_is_not_proposed(run):
    text = "We propose HS-X for planning. HS-X is trained with a Monte Carlo tree search."
    r = run(text, [("HS-X", "method"), ("HS-X", "method", 2), ("Monte Carlo tree search", "method")])
    assert "Monte Carlo tree search" not in r.roles("proposes")


def test_a_sentence_opening_with_a_baseline_proposes_nothing(run):
    text = "We propose HS-X for planning. GPT-4o performs planning with a chain-of-thought prompting scheme."
    r = run(text, [("HS-X", "method"), ("GPT-4o", "model"), ("chain-of-thought prompting scheme", "method")])
    assert r.roles("proposes") == {"HS-X"}


def test_a_counted_list_of_the_proposals_parts_is_still_proposed(run):
    text = "Our framework employs three parallel modules: the Depth Estimator, the Segmentation Network, and the Fusion Network."
    names = [("Depth Estimator", "method"), ("Segmentation Network", "method"), ("Fusion Network", "method")]
    assert "Depth Estimator" in run(text, names).roles("proposes")


def test_evaluated_on_opening_ties_its_benchmark(run):
    text = ("Evaluated on the HUC-2021 dataset, our method outperforms community detection algorithms, "
            "achieving an accuracy of 68.97%.")
    r = run(text, [("HUC-2021", "benchmark"), ("accuracy", "metric")])
    assert r.results() == [("68.97%", None, "HUC-2021", "accuracy")]


def test_trained_on_opening_is_not_the_benchmark(run):
    text = "Trained on the HUC-2021 dataset, our method achieves an accuracy of 68.97%."
    r = run(text, [("HUC-2021", "benchmark"), ("accuracy", "metric")])
    assert r.results() == [("68.97%", None, None, "accuracy")]


def test_the_method_opening_a_clause_means_the_papers_proposal(run):
    text = "We propose ArrowVLM for flowcharts. Tested on 90 questions, the method raises overall accuracy from 80% to 89%."
    r = run(text, [("ArrowVLM", "method"), ("accuracy", "metric")])
    assert r.results() == [("89%", "ArrowVLM", None, "accuracy")]


def test_a_benchmark_papers_unattributed_model_score_is_on_its_benchmark(run):
    text = ("We present MMSci-B, a benchmark for scientific reasoning. Evaluation of state-of-the-art models reveals "
            "significant limitations, with even the best model achieving only 63.77% accuracy.")
    r = run(text, [("MMSci-B", "benchmark"), ("accuracy", "metric")])
    assert r.results() == [("63.77%", None, "MMSci-B", "accuracy")]


def test_a_method_papers_unattributed_score_gets_no_benchmark(run):
    text = "We present MMSci-X, a method for reasoning. The best model achieves only 63.77% accuracy."
    r = run(text, [("MMSci-X", "method"), ("accuracy", "metric")])
    assert r.results()[0][2] is None


def test_a_number_in_the_title_is_left_to_the_abstract(run):
    text = ("LightRet: Retrieval with 1000x Faster Query Inference\n\n"
            "We propose LightRet. LightRet achieves over a 1000x speedup for query inference.")
    r = run(text, [("LightRet", "method"), ("LightRet", "method", 2), ("LightRet", "method", 3), ("speedup", "metric")])
    assert r.results() == [("over a 1000x", "LightRet", None, "speedup")]


def test_our_methods_in_the_plural_means_the_papers_proposal(run):
    text = "We propose LevX for Shapley values. The error of our methods can be 6.5x lower than Kernel SHAP."
    r = run(text, [("LevX", "method"), ("Kernel SHAP", "method")])
    assert r.results() == [("6.5x", "LevX", None, None)]
    assert r.links("outperforms") == {("LevX", "Kernel SHAP")}


# ---------------------------------------------------------------- second results round (dev_corpus9)


def test_bare_number_listed_before_a_unit_shares_it(run):
    text = "SLOT beats Claude-3.5-Sonnet by substantial margins (+25 and +20 percentage points, respectively)."
    r = run(text, [("SLOT", "method"), ("Claude-3.5-Sonnet", "model")])
    assert r.values() == ["+25 percentage points", "+20 percentage points"]


def test_a_bound_between_two_numbers_does_not_share_the_unit(run):
    text = "ToolX keeps the error between 3 and 5% on every split."
    assert run(text, [("ToolX", "method")]).values() == ["5%"]


def test_a_decimal_after_a_metric_and_of_is_a_result(run):
    text = "VGG16 paired with contrastive loss achieves an F1 score of 0.9344 during testing."
    r = run(text, [("VGG16", "model"), ("contrastive loss", "method"), ("F1 score", "metric")])
    assert r.results() == [("0.9344", "VGG16", None, "F1 score")]


def test_near_qualifies_a_value(run):
    text = "Model merging reduces ASR to near 0% whilst maintaining performance."
    r = run(text, [("Model merging", "method"), ("ASR", "metric")])
    assert r.results() == [("near 0%", "Model merging", None, "ASR")]


def test_within_a_time_is_a_value(run):
    text = "The application returns real-time results within 3 seconds per image."
    assert run(text, []).values() == ["within 3 seconds"]


def test_a_plural_noun_of_change_from_to_is_a_range(run):
    text = "PFformer demonstrated remarkable improvements, from 20% to 60%, compared with state-of-the-art models."
    assert run(text, [("PFformer", "method")]).values() == ["20% to 60%"]


def test_a_verb_of_change_from_to_is_still_before_and_after(run):
    text = "Tested on 90 questions, SpecX raises overall accuracy from 80% to 89%."
    assert run(text, [("SpecX", "method"), ("accuracy", "metric")]).values() == ["89%"]


def test_a_score_out_of_a_scale_is_one_value(run):
    text = "Human experts rated the plans with an average score of 8.5 out of 10."
    assert run(text, [("average score", "metric")]).results() == [("8.5 out of 10", None, None, "average score")]


def test_a_count_out_of_a_total_is_not_a_result(run):
    assert run("Only 3 out of 15 models solve the task.", []).values() == []


def test_a_rate_per_second_is_a_unit(run):
    text = "FPQVAR reaches a throughput of 1.1 image/s on the board."
    r = run(text, [("FPQVAR", "method"), ("throughput", "metric")])
    assert r.results() == [("1.1 image/s", "FPQVAR", None, "throughput")]


def test_retaining_only_a_share_is_a_setting(run):
    text = ("We propose AirCache. Our method matches the full cache while retaining only 10% of visual KV cache, "
            "thereby reducing decoding latency by 29% to 66%.")
    r = run(text, [("AirCache", "method"), ("visual KV cache", "method"), ("decoding latency", "metric")])
    assert r.values() == ["29% to 66%"]


def test_a_name_after_a_share_of_is_not_the_subject(run):
    text = ("We propose AirCache. Our method matches the full cache while retaining only 10% of visual KV cache, "
            "thereby reducing decoding latency by 29% to 66%.")
    r = run(text, [("AirCache", "method"), ("visual KV cache", "method"), ("decoding latency", "metric")])
    assert r.results() == [("29% to 66%", "AirCache", None, "decoding latency")]


def test_a_name_before_a_participle_with_is_the_subject(run):
    text = ("VGG16 paired with contrastive loss emerged as the most effective configuration, "
            "achieving up to 97% accuracy.")
    r = run(text, [("VGG16", "model"), ("contrastive loss", "method"), ("accuracy", "metric")])
    assert r.results() == [("up to 97%", "VGG16", None, "accuracy")]


def test_a_closing_validated_on_ties_every_number(run):
    text = ("It achieves a 25 percent increase in defect detection efficiency and a 30 percent reduction in test "
            "execution time versus classical ML, validated on the Defects4J dataset.")
    r = run(text, [("defect detection efficiency", "metric"), ("test execution time", "metric"), ("Defects4J", "benchmark")])
    assert [b for _, _, b, _ in r.results()] == ["Defects4J", "Defects4J"]


def test_a_closing_validated_on_two_benchmarks_ties_none(run):
    text = "It achieves a 25 percent increase in detection rate, validated on the Defects4J and BugsJS datasets."
    r = run(text, [("detection rate", "metric"), ("Defects4J", "benchmark"), ("BugsJS", "benchmark")])
    assert r.results()[0][2] is None


def test_a_coined_name_after_our_is_proposed(run):
    text = "Experiments show that our ChiseLLM-7B and ChiseLLM-32B models improved syntax correctness."
    r = run(text, [("ChiseLLM-7B", "model"), ("ChiseLLM-32B", "model"), ("syntax correctness", "metric")])
    assert r.roles("proposes") == {"ChiseLLM-7B", "ChiseLLM-32B"}


def test_a_descriptive_phrase_after_our_is_not_proposed_by_that_rule(run):
    text = "Our generative training scheme enables Mamba to replicate the physical process."
    r = run(text, [("generative training scheme", "method"), ("Mamba", "method")])
    assert r.roles("proposes") == set()


def test_a_counted_list_with_a_plural_in_ies_lists_parts(run):
    text = ("This study introduces PFformer, a Transformer-based model. PFformer integrates two novel embedding "
            "strategies: Enhanced Feature-based Embedding (EFE) and Auto-Encoder-based Embedding (AEE).")
    names = [("PFformer", "method"), ("PFformer", "method", 2), ("Enhanced Feature-based Embedding", "method"),
             ("EFE", "method"), ("Auto-Encoder-based Embedding", "method"), ("AEE", "method")]
    assert {"Enhanced Feature-based Embedding", "Auto-Encoder-based Embedding"} <= run(text, names).roles("proposes")


def test_a_range_between_dollar_tildes_is_one_value(run):
    # the readers turn LaTeX "48\%$\sim$66\%" into "48%$~$66%"
    text = "Results show that SCoT reduces reasoning latency by 48%$~$66% for long problems."
    r = run(text, [("SCoT", "method"), ("reasoning latency", "metric")])
    assert r.results() == [("48%~66%", "SCoT", None, "reasoning latency")]


def test_put_forth_proposes(run):
    text = "We further put forth a counterfactual intervention method that reflects on the gap."
    assert run(text, [("counterfactual intervention method", "method")]).roles("proposes") == \
        {"counterfactual intervention method"}


def test_as_well_as_a_described_method_in_the_propose_clause(run):
    text = ("We introduce an activation compensation algorithm, as well as a weight "
            "reconstruction method for minimizing errors in weight quantization.")
    names = [("activation compensation algorithm", "method"), ("weight reconstruction method", "method")]
    assert run(text, names).roles("proposes") == {"activation compensation algorithm", "weight reconstruction method"}


def test_as_well_as_a_plain_phrase_is_not_proposed(run):
    text = "We introduce StepAlign, as well as a standard baseline comparison."
    names = [("StepAlign", "method"), ("baseline comparison", "method")]
    assert run(text, names).roles("proposes") == {"StepAlign"}


def test_by_introducing_after_we_proposes_the_name(run):
    text = ("We propose to extend world model predictions to longer horizons by introducing TWISTER, "
            "a world model using Contrastive Predictive Coding.")
    assert "TWISTER" in run(text, [("TWISTER", "method"), ("Contrastive Predictive Coding", "method")]).roles("proposes")


def test_by_introducing_a_known_technique_is_not_proposed(run):
    text = "We improve robustness by introducing Gaussian noise into the inputs."
    assert run(text, [("Gaussian noise", "method")], known=("Gaussian noise",)).roles("proposes") == set()


def test_plural_noun_of_change_without_comma_is_before_and_after(run):
    text = "Expert specialization yields gains, with improvements from 51% to 88% F1 score in classification."
    assert run(text, [("F1 score", "metric")]).values() == ["88%"]


def test_a_metric_then_a_bare_number_is_a_threshold_or_class(run):
    text = "The model demonstrated a PRCK 0.25 of 0.726 for keypoint detection and handles the BI_RADS 0 category."
    r = run(text, [("PRCK", "metric"), ("BI_RADS", "metric")])
    assert "0.25" not in r.values() and "0" not in r.values()


def test_a_numbered_list_item_is_not_a_result(run):
    text = "The answers were evaluated using three methods: 1. BERTScore, 2. LLM evaluation, and 3. human evaluation."
    assert run(text, [("BERTScore", "metric")]).values() == []


def test_a_share_of_some_training_data_is_a_setting(run):
    text = "By poisoning 10% of the evaluator training data, we control judges to misclassify toxic prompts 89% of the time."
    assert run(text, []).values() == ["89%"]


def test_maintains_or_exceeds_is_hedged(run):
    text = "Experiments show the model pretrained with NSA maintains or exceeds Full Attention models across benchmarks."
    assert run(text, [("NSA", "method"), ("Full Attention", "method")]).links("outperforms") == set()


def test_often_surpasses_is_hedged(run):
    text = "In practice, ToolY often surpasses GPT-4o on hard puzzles."
    assert run(text, [("ToolY", "method"), ("GPT-4o", "model")]).links("outperforms") == set()


def test_an_example_in_parentheses_is_not_the_claims_subject(run):
    text = ("We propose DeepAgentX for search. Even with lightweight backbones (e.g., QwQ-32B), it surpasses advanced models "
            "including Gemini 2.5 Pro.")
    r = run(text, [("DeepAgentX", "method"), ("QwQ-32B", "model"), ("Gemini 2.5 Pro", "model")])
    assert r.links("outperforms") == {("DeepAgentX", "Gemini 2.5 Pro")}


def test_the_object_phrase_ends_at_when(run):
    text = ("DMP is notably better than sequence probability when estimating the quality of different models "
            "(Whisper, Llama, etc.).")
    r = run(text, [("DMP", "method"), ("Whisper", "model"), ("Llama", "model")])
    assert r.links("outperforms") == set()


def test_the_object_phrase_ends_at_incorporating(run):
    text = "The proposed method significantly outperforms an existing service incorporating RAG functions."
    assert run(text, [("RAG", "method")]).links("outperforms") == set()


def test_a_name_before_scenarios_is_a_setting_not_a_competitor(run):
    text = "M2BeamLLM outperforms traditional deep learning models in both standard and few-shot scenarios."
    assert run(text, [("M2BeamLLM", "model"), ("few-shot", "method")]).links("outperforms") == set()


def test_respectively_after_compared_with_does_not_make_baselines_subjects(run):
    text = ("We propose APB. APB achieves speedups of up to 9.2x, 4.2x, and 1.6x compared with FlashAttn, RingAttn, "
            "and StarAttn, respectively.")
    r = run(text, [("APB", "method"), ("APB", "method", 2), ("FlashAttn", "method"), ("RingAttn", "method"),
                   ("StarAttn", "method")])
    assert ("StarAttn", "FlashAttn") not in r.links("outperforms")
    assert {s for _, s, _, _ in r.results()} == {"APB"}


def test_named_agents_listed_after_the_proposals_colon_are_its_parts(run):
    text = ("We propose MA-RAG for QA. MA-RAG orchestrates a collaborative set of specialized AI agents: Planner, "
            "Step Definer, Extractor, and QA Agents, to tackle each stage.")
    names = [("MA-RAG", "method"), ("MA-RAG", "method", 2), ("Planner", "method"), ("Step Definer", "method"),
             ("Extractor", "method"), ("QA Agents", "method")]
    assert run(text, names).roles("proposes") == {"MA-RAG", "Planner", "Step Definer", "Extractor", "QA Agents"}


def test_numbered_parts_after_a_component_verb_and_colon_are_proposed(run):
    text = ("We propose SPO for reasoning. Specifically, SPO introduces: 1) Preference-Based Scoring, which evaluates "
            "chains by relevance; and 2) Curriculum-Guided Training, where the model adapts.")
    names = [("SPO", "method"), ("SPO", "method", 2), ("Preference-Based Scoring", "method"),
             ("Curriculum-Guided Training", "method")]
    assert "Curriculum-Guided Training" in run(text, names).roles("proposes")


def test_a_list_after_a_baselines_colon_is_not_proposed(run):
    text = "We propose MA-RAG for QA. Prior work such as Self-RAG combines agents: Planner and Critic."
    names = [("MA-RAG", "method"), ("Self-RAG", "method"), ("Planner", "method"), ("Critic", "method")]
    assert run(text, names).roles("proposes") == {"MA-RAG"}


def test_a_novel_described_loss_in_our_sentence_is_proposed(run):
    text = "Subsequently, our training-phase defense optimizes a novel dual-purpose token-level loss to balance utility."
    assert run(text, [("dual-purpose token-level loss", "method")]).roles("proposes") == {"dual-purpose token-level loss"}


def test_a_name_after_ie_in_parentheses_is_still_the_subject(run):
    text = "Fine-tuning large PLMs (i.e., GPT-4) on DiscoSG-DS improves SPICE by approximately 48%."
    r = run(text, [("GPT-4", "model"), ("DiscoSG-DS", "benchmark"), ("SPICE", "metric")])
    assert r.results()[0][1] == "GPT-4"


def test_a_range_of_folds_is_one_value(run):
    text = "Compared to iterative methods, CLOMP improves efficiency by 100 to 1000 folds for large-scale data."
    assert run(text, [("CLOMP", "method")]).values() == ["100 to 1000 folds"]


def test_a_comma_alone_does_not_share_a_unit(run):
    text = "We incorporated diverse demographic profiles (M=49.3, 49.4% male) and 20 trauma types."
    assert "49.3%" not in run(text, []).values()


def test_walking_speeds_are_not_rates_of_output(run):
    text = "The dataset covers various speeds (0.5 m/s, 1.0 m/s, and 1.5 m/s) and inclines."
    assert run(text, []).values() == []


def test_frames_per_second_is_a_unit(run):
    text = "OG-Gaussian achieves a rendering speed of 143 FPS on a single GPU."
    r = run(text, [("OG-Gaussian", "method"), ("rendering speed", "metric")])
    assert r.results() == [("143 FPS", "OG-Gaussian", None, "rendering speed")]


def test_a_power_of_ten_is_not_a_bare_number(run):
    text = "FEA achieves a mean absolute error of 10^{-3} on the test set."
    assert "10" not in run(text, [("FEA", "method"), ("mean absolute error", "metric")]).values()


def test_our_name_already_used_for_background_is_not_proposed(run):
    text = "Positional embeddings (PE) help ViTs. We propose LOOPE for patch order. Our PE improves classification accuracy."
    r = run(text, [("PE", "method"), ("LOOPE", "method"), ("PE", "method", 2)])
    assert r.roles("proposes") == {"LOOPE"}


def test_our_coined_part_does_not_compete_with_the_main_proposal(run):
    text = ("This study introduces RadFuse, a multi-representation deep learning framework. Our RadEx transformation "
            "generates sinograms. In binary classification, the method reached an accuracy of 99.09%.")
    r = run(text, [("RadFuse", "method"), ("RadEx transformation", "method"), ("accuracy", "metric")])
    assert r.roles("proposes") == {"RadFuse", "RadEx transformation"}
    assert r.results() == [("99.09%", "RadFuse", None, "accuracy")]


def test_a_time_unit_goes_with_a_number_taken_after_its_metric(run):
    text = "V-Droid achieves an impressively low latency of 0.7 seconds per step."
    r = run(text, [("V-Droid", "model"), ("latency", "metric")])
    assert r.results() == [("0.7 seconds", "V-Droid", None, "latency")]


def test_a_bare_duration_is_still_not_a_result(run):
    assert run("Each clip lasts 10 seconds and shows one action.", []).values() == []


def test_within_before_a_qualifier_is_kept(run):
    text = "RoboFuME learns new tasks within as little as 3 hours of autonomous real-world training."
    assert run(text, [("RoboFuME", "method")]).values() == ["as little as 3 hours"]


def test_a_name_that_only_modifies_a_listed_item_is_not_a_part(run):
    text = ("We propose BOLT for reasoning. BOLT involves three phases: 1) LongCoT data bootstrapping with a standard "
            "model; 2) LongCoT supervised finetuning; and 3) online training.")
    names = [("BOLT", "method"), ("BOLT", "method", 2), ("LongCoT", "method"), ("LongCoT", "method", 2)]
    assert run(text, names).roles("proposes") == {"BOLT"}


def test_a_lexicon_name_in_a_counted_list_is_used_not_proposed(run):
    text = ("To mitigate these effects, we introduce and evaluate four strategies: in-context learning, self-reflection, "
            "self-selective reasoning, and classifier-selective reasoning.")
    names = [("in-context learning", "method"), ("self-reflection", "method"), ("self-selective reasoning", "method"),
             ("classifier-selective reasoning", "method")]
    r = run(text, names, known=("in-context learning", "self-reflection"))
    assert r.roles("proposes") == {"self-selective reasoning", "classifier-selective reasoning"}


def test_every_number_of_a_relative_clause_is_its_names(run):
    text = ("YOLO-v7 processed 40 FPS, outperforming Mask R-CNN, which achieved a mAP of 92.1% with a slower "
            "processing speed of 18 FPS.")
    r = run(text, [("YOLO-v7", "model"), ("Mask R-CNN", "model"), ("mAP", "metric")])
    assert [(v, s) for v, s, _, _ in r.results()][1:] == [("92.1%", "Mask R-CNN"), ("18 FPS", "Mask R-CNN")]


def test_a_benchmark_in_an_opening_experiments_phrase_is_tied(run):
    text = ("Through extensive experimentation on the MSCOCO dataset, we demonstrate that our approach reduces "
            "hallucination rates by up to 62.3% compared to baseline models.")
    r = run(text, [("MSCOCO", "benchmark"), ("hallucination rates", "metric")])
    assert r.results() == [("up to 62.3%", None, "MSCOCO", "hallucination rates")]


def test_a_benchmark_after_on_and_an_adjective_holds_the_number(run):
    text = "Our DTE framework achieves an average accuracy gain of 8.92% on the challenging GSM-PLUS dataset."
    r = run(text, [("DTE", "method"), ("accuracy", "metric"), ("GSM-PLUS", "benchmark")])
    assert r.results() == [("8.92%", "DTE", "GSM-PLUS", "accuracy")]


def test_a_benchmark_after_tasks_from_is_not_the_numbers(run):
    text = "Our DTE framework improves accuracy by 8.92% on tasks from the GSM-PLUS suite."
    r = run(text, [("DTE", "method"), ("accuracy", "metric"), ("GSM-PLUS", "benchmark")])
    assert r.results()[0][2] is None


def test_a_described_benchmark_after_other_numbers_holds_only_the_nearest(run):
    text = ("AdaReTaKe outperforms existing methods by 2.3% and 2.8% for 7B and 72B models, respectively, with even "
            "greater improvements of 5.9% and 6.0% on the longest LVBench.")
    r = run(text, [("AdaReTaKe", "method"), ("LVBench", "benchmark")])
    assert [b for _, _, b, _ in r.results()] == [None, None, "LVBench", "LVBench"]


def test_on_both_is_a_list_not_a_described_benchmark(run):
    text = "Mistral-large reaches 35.6% overall, weak on both Latvian and Giriama."
    r = run(text, [("Mistral-large", "model"), ("Latvian", "benchmark"), ("Giriama", "benchmark")])
    assert r.results()[0][2] is None


# ---- third results round

def test_the_titles_lead_before_a_colon_is_the_paper_subject_among_titled_proposals(run):
    text = ("FPQVAR: Floating Point Quantization for Visual Models\n\n"
            "We propose FPQVAR, a framework. We introduce Floating Point Quantization with two formats. "
            "It also demonstrates 3.6x higher energy efficiency.")
    r = run(text, [("FPQVAR", "method"), ("Floating Point Quantization", "method"), ("FPQVAR", "method", 2),
                   ("Floating Point Quantization", "method", 2), ("energy efficiency", "metric")])
    assert r.results() == [("3.6x", "FPQVAR", None, "energy efficiency")]


def test_without_a_title_lead_two_titled_proposals_leave_it_unresolved(run):
    text = ("Floating Point Quantization with FPQVAR\n\n"
            "We propose FPQVAR, a framework. We introduce Floating Point Quantization with two formats. "
            "It also demonstrates 3.6x higher energy efficiency.")
    r = run(text, [("Floating Point Quantization", "method"), ("FPQVAR", "method"), ("FPQVAR", "method", 2),
                   ("Floating Point Quantization", "method", 2), ("energy efficiency", "metric")])
    assert r.results()[0][1] is None


def test_a_sentence_opening_on_this_leads_to_is_the_papers_claim(run):
    text = ("We introduce APSQ, a quantization method. APSQ performs nearly lossless on NLP tasks. "
            "This leads to a notable reduction in energy costs by 28-87%.")
    r = run(text, [("APSQ", "method"), ("APSQ", "method", 2), ("energy costs", "metric")])
    assert r.results() == [("28-87%", "APSQ", None, "energy costs")]


def test_this_in_the_middle_of_a_sentence_is_no_reference(run):
    text = ("We introduce APSQ, a quantization method. Prior accelerators found that this leads to a "
            "reduction in energy costs by 28%.")
    r = run(text, [("APSQ", "method"), ("energy costs", "metric")])
    assert r.results() == [("28%", None, None, "energy costs")]


def test_another_models_number_in_a_benchmark_paper_is_on_that_benchmark(run):
    text = ("LongCodeBench: Evaluating Coding LLMs at 1M Context Windows\n\n"
            "We introduce LongCodeBench, a new benchmark. Long context remains a weakness for all models, with "
            "performance drops such as from 29% to 3% for Claude 3.5 Sonnet.")
    r = run(text, [("LongCodeBench", "benchmark"), ("LongCodeBench", "benchmark", 2), ("Claude 3.5 Sonnet", "model")])
    assert r.results() == [("3%", "Claude 3.5 Sonnet", "LongCodeBench", None)]


def test_a_models_number_next_to_another_benchmark_keeps_that_benchmark(run):
    text = ("We introduce LongCodeBench, a new benchmark. Claude 3.5 Sonnet reaches 3% on HumanEval.")
    r = run(text, [("LongCodeBench", "benchmark"), ("Claude 3.5 Sonnet", "model"), ("HumanEval", "benchmark")])
    assert r.results() == [("3%", "Claude 3.5 Sonnet", "HumanEval", None)]


def test_the_benchmark_papers_own_model_is_not_scored_on_it_by_default(run):
    text = ("We present Essential-Web, a new dataset. Labels are produced by EAI-Distill-0.5b, a novel model. "
            "EAI-Distill-0.5b stays within 3% of annotator agreement.")
    r = run(text, [("Essential-Web", "benchmark"), ("EAI-Distill-0.5b", "model"), ("EAI-Distill-0.5b", "model", 2),
                   ("annotator agreement", "metric")])
    assert r.results() == [("within 3%", "EAI-Distill-0.5b", None, "annotator agreement")]


def test_our_evaluation_benchmark_is_the_papers_one_proposed_benchmark(run):
    text = ("We construct RoboBench, a new benchmark of failures, and develop RoboFix, a novel model. "
            "RoboFix outperforms GPT-4o by 34.1% on our evaluation benchmark.")
    r = run(text, [("RoboBench", "benchmark"), ("RoboFix", "model"), ("RoboFix", "model", 2), ("GPT-4o", "model")])
    assert r.results() == [("34.1%", "RoboFix", "RoboBench", None)]


def test_our_benchmark_without_a_proposed_one_is_left_empty(run):
    text = "We develop RoboFix, a novel model. RoboFix outperforms GPT-4o by 34.1% on our evaluation benchmark."
    r = run(text, [("RoboFix", "model"), ("RoboFix", "model", 2), ("GPT-4o", "model")])
    assert r.results() == [("34.1%", "RoboFix", None, None)]


def test_a_rated_benchmark_the_study_utilizes_is_not_proposed(run):
    text = ("This study utilizes the comprehensive Chinese safety benchmark CHiSafetyBench to evaluate models.")
    assert run(text, [("CHiSafetyBench", "benchmark")]).roles("proposes") == set()


def test_a_comprehensive_benchmark_the_paper_presents_is_still_proposed(run):
    text = "We present the comprehensive safety benchmark CHiSafetyBench to evaluate models."
    assert run(text, [("CHiSafetyBench", "benchmark")]).roles("proposes") == {"CHiSafetyBench"}


def test_a_metric_after_a_share_of_their_holds_the_number(run):
    text = "ADMN matches state-of-the-art networks while reducing up to 75% of their floating-point operations."
    r = run(text, [("ADMN", "method"), ("floating-point operations", "metric")])
    assert r.results() == [("up to 75%", "ADMN", None, "floating-point operations")]


def test_a_model_that_is_formulated_is_proposed(run):
    text = "An SLDS model is formulated and validated to capture these features."
    assert run(text, [("SLDS", "method")]).roles("proposes") == {"SLDS"}


def test_the_algorithm_that_is_developed_here_is_proposed(run):
    text = ("To derive architectures, the super-network progressive shrinking (SNPS) algorithm is developed based on "
            "DARTS.")
    r = run(text, [("super-network progressive shrinking", "method"), ("SNPS", "method"), ("DARTS", "method")])
    assert r.roles("proposes") == {"super-network progressive shrinking", "SNPS"}


def test_the_thing_a_title_opens_on_with_a_is_proposed(run):
    text = ("A physics-informed Bayesian optimization method for rapid development of electrical machines\n\n"
            "We study slot filling.")
    r = run(text, [("physics-informed Bayesian optimization", "method")])
    assert r.roles("proposes") == {"physics-informed Bayesian optimization"}


def test_a_title_naming_a_known_thing_after_on_is_not_a_proposal(run):
    text = "On a Transformer model for translation\n\nWe study translation."
    assert run(text, [("Transformer", "method")]).roles("proposes") == set()


def test_a_title_opening_on_a_based_modifier_proposes_nothing(run):
    text = "A LoRA-Based Approach to Fine-Tuning LLMs for Guidance\n\nWe fine-tune with LoRA."
    assert run(text, [("LoRA-Based", "method"), ("LoRA", "method")], known=("LoRA",)).roles("proposes") == set()


def test_numbers_paired_respectively_with_what_is_outperformed_are_the_winners(run):
    text = ("XMANet outperforms the baseline ResNet50, EfficientNetB0 and MobileNetV3 models with improvement of "
            "approximately 1.72%, 4.38% and 5.10%, respectively.")
    r = run(text, [("XMANet", "model"), ("ResNet50", "model"), ("EfficientNetB0", "model"), ("MobileNetV3", "model")])
    assert [s for _, s, _, _ in r.results()] == ["XMANet", "XMANet", "XMANet"]


def test_numbers_a_sampling_rate_is_set_to_are_settings(run):
    text = "CLOMP improves structural similarity by 292%, 98%, 45% for sampling rates of 0.1, 0.3, 0.5, respectively."
    r = run(text, [("CLOMP", "method"), ("structural similarity", "metric"), ("sampling rates", "metric")])
    assert r.values() == ["292%", "98%", "45%"]


def test_numbers_listed_after_settings_are_settings(run):
    text = "We tested both models under four temperature settings (0.01, 0.5, 1.0, 2.0) and report accuracy."
    assert run(text, [("accuracy", "metric")]).values() == []


def test_a_score_of_a_bare_number_is_still_a_result(run):
    text = "CLOMP reaches an F1 score of 0.93 at a threshold of 0.5."
    assert run(text, [("CLOMP", "method"), ("F1 score", "metric")]).values() == ["0.93"]


def test_at_par_or_outperforms_is_hedged(run):
    text = "We evaluate DeFT-X and show that it performs at par or outperforms SFT and other baselines."
    assert run(text, [("DeFT-X", "method"), ("SFT", "method")]).links("outperforms") == set()


def test_a_name_after_we_construct_a_dataset_and_before_a_participle_is_proposed(run):
    text = "For these tasks, we construct a dataset LPcode consisting of pairs of human-written code."
    assert run(text, [("LPcode", "benchmark")]).roles("proposes") == {"LPcode"}


def test_a_name_that_modifies_a_noun_after_we_propose_a_is_still_a_modifier(run):
    text = "We propose a new Roblox obby for testing agents."
    assert run(text, [("Roblox", "benchmark")]).roles("proposes") == set()


def test_a_model_after_an_opening_that_enhances_is_the_subject_of_its_numbers(run):
    text = ("Integrating spiritual guidance enhances both NLP and spiritual metrics for the best performing LLM "
            "Phi3-Mini 3.2B Instruct, achieving improvements of 122.71% in ROUGE.")
    r = run(text, [("Phi3-Mini 3.2B Instruct", "model"), ("ROUGE", "metric")])
    assert r.results() == [("122.71%", "Phi3-Mini 3.2B Instruct", None, "ROUGE")]


def test_what_the_proposed_model_enhances_is_not_proposed(run):
    text = "The proposed model enhances load balancing efficiency by 35% and reduces response delay by 28%."
    r = run(text, [("load balancing efficiency", "metric"), ("response delay", "metric")])
    assert r.roles("proposes") == set()


def test_a_range_of_orders_of_magnitude_is_one_value(run):
    text = "DAE-KAN reduces the absolute errors by 1 to 2 orders of magnitude compared to traditional PINNs."
    r = run(text, [("DAE-KAN", "method"), ("PINNs", "method")])
    assert r.values() == ["1 to 2 orders of magnitude"]


def test_orders_of_magnitude_written_in_digits_are_one_value(run):
    text = "DAE-KAN cuts the cost by 3 orders of magnitude."
    assert run(text, [("DAE-KAN", "method")]).values() == ["3 orders of magnitude"]


def test_a_listed_item_credited_to_others_is_not_proposed(run):
    text = ("We do so for two tasks: function composition, considered by Peng et al., and the SUM task, considered by "
            "Sanford et al.")
    r = run(text, [("function composition", "task"), ("SUM", "task")])
    assert r.roles("proposes") == set()


def test_a_listed_item_of_our_own_is_still_proposed(run):
    text = "We propose two new metrics: Depth Distance and Boundary Distance."
    r = run(text, [("Depth Distance", "metric"), ("Boundary Distance", "metric")])
    assert r.roles("proposes") == {"Depth Distance", "Boundary Distance"}


# fourth results round: subjects


def test_a_possessive_baselines_number_is_its_own(run):
    text = "Our tool reaches an F1-score of 0.43, compared to SelfCheckGPT's F1-score of 0.21."
    r = run(text, [("SelfCheckGPT", "model"), ("F1-score", "metric"), ("F1-score", "metric", 2)])
    assert ("0.21", "SelfCheckGPT", None, "F1-score") in r.results()


def test_a_possessive_before_a_change_to_a_number_is_the_subject(run):
    text = "Adding noisy reports significantly reduces RF's average performance to 46%."
    r = run(text, [("RF", "method")])
    assert r.results() == [("46%", "RF", None, None)]


def test_what_is_boosted_to_its_best_score_is_the_subject(run):
    text = "Adding noisy reports boosts BERT to its best average performance of 66%."
    r = run(text, [("BERT", "model")])
    assert r.results() == [("66%", "BERT", None, None)]


def test_the_model_means_the_model_the_sentence_before_names_when_nothing_is_proposed(run):
    text = ("The results demonstrate the strong performance of GPT-4o. On our dataset, the model achieved 96.1% accuracy "
            "with one-shot prompting and 74.2% accuracy with few-shot prompting.")
    r = run(text, [("GPT-4o", "model"), ("accuracy", "metric"), ("one-shot prompting", "method"),
                   ("accuracy", "metric", 2), ("few-shot prompting", "method")])
    assert [(v, s) for v, s, _, _ in r.results()] == [("96.1%", "GPT-4o"), ("74.2%", "GPT-4o")]


def test_this_method_is_not_the_model_the_sentence_before_only_uses(run):
    text = ("We fine-tune a Finnish BERT model (FinBERT) using GPT-4 generated training data. By this method, we "
            "achieved an F-score of 84.1%.")
    r = run(text, [("FinBERT", "model"), ("GPT-4", "model"), ("F-score", "metric")])
    assert r.results() == [("84.1%", "FinBERT", None, "F-score")]


def test_the_model_of_a_paper_that_proposes_something_is_not_the_last_name(run):
    text = ("We propose TinyNet, a pruning method. We compare it with ResNet-50. The model achieves 91% accuracy.")
    r = run(text, [("TinyNet", "method"), ("ResNet-50", "model"), ("accuracy", "metric")])
    assert r.results()[0][1] != "ResNet-50"


def test_listed_examples_of_a_class_are_not_the_subject(run):
    text = ("Even the best-performing models, including GPT, Gemini, and Qwen families, struggle, achieving less than "
            "50% full-chain success.")
    r = run(text, [("GPT", "model"), ("Gemini", "model"), ("Qwen", "model"), ("full-chain success", "metric")])
    assert r.results() == [("less than 50%", None, None, "full-chain success")]


def test_the_full_system_is_the_papers_proposal(run):
    text = ("Our approach, Vaiage, plans trips with agents. The full system achieved an average score of 8.5 out of 10.")
    r = run(text, [("Vaiage", "method"), ("average score", "metric")])
    assert r.results() == [("8.5 out of 10", "Vaiage", None, "average score")]


def test_our_results_do_not_make_another_models_score_our_own_in_a_benchmark_paper(run):
    text = ("We introduce AgentBench-X, a benchmark for agents. Our results reveal that even the best-performing models, "
            "including GPT and Gemini, struggle, achieving less than 50% success.")
    r = run(text, [("AgentBench-X", "benchmark"), ("GPT", "model"), ("Gemini", "model")])
    assert r.results() == [("less than 50%", None, "AgentBench-X", None)]


def test_the_object_of_an_ing_verb_is_not_the_subject(run):
    text = "The proposed method is lightweight, pruning a 7B LLaMA model in under 10 minutes on one GPU."
    r = run("We present Wanda++, a pruning framework. " + text, [("Wanda++", "method"), ("LLaMA", "model")])
    assert r.results() == [("under 10 minutes", "Wanda++", None, None)]


def test_a_name_after_in_is_a_setting_not_the_subject(run):
    text = "We also make reranker judges in RAG rank the poisoned document first 97% of the time."
    r = run(text, [("RAG", "method")])
    assert r.results()[0][1] is None


def test_a_number_without_the_proposal_is_not_the_proposals(run):
    text = ("We introduce ParaPO, a post-training method. In contrast, without ParaPO tuning, prompting the model "
            "produces only a marginal reduction (8.7 to 8.4).")
    r = run(text, [("ParaPO", "method"), ("ParaPO", "method", 2)])
    assert [s for _, s, _, _ in r.results()] == [None, None]


def test_the_proposal_with_which_a_model_is_run_is_still_the_subject(run):
    text = "We introduce ParaPO, a post-training method. With ParaPO, the model reaches 91% accuracy."
    r = run(text, [("ParaPO", "method"), ("ParaPO", "method", 2), ("accuracy", "metric")])
    assert r.results() == [("91%", "ParaPO", None, "accuracy")]


def test_this_approach_after_a_list_of_components_names_none_of_them(run):
    text = ("The system has three components: (1) Pindola, an encoder; (2) a retrieval module; and (3) a "
            "generative reasoning step. Using this approach, we achieve an average F1 score of 85.58.")
    r = run(text, [("Pindola", "model"), ("generative reasoning step", "method"), ("F1 score", "metric")])
    assert r.results() == [("85.58", None, None, "F1 score")]


def test_this_model_inside_an_opening_is_not_the_subject_of_our_approach(run):
    text = ("We fine-tune Mistral-7B on the task data. Combining this fine-tuned model with ensemble learning "
            "strategies, our approach achieved 85.5% accuracy.")
    r = run(text, [("Mistral-7B", "model"), ("accuracy", "metric")])
    assert r.results() == [("85.5%", None, None, "accuracy")]


def test_the_means_an_approach_utilizes_is_still_the_subject(run):
    text = ("A machine learning approach utilizing the Logistic Regression algorithm is employed, achieving a "
            "predictive accuracy of 98.83%.")
    r = run(text, [("Logistic Regression", "method"), ("predictive accuracy", "metric")])
    assert r.results() == [("98.83%", "Logistic Regression", None, "predictive accuracy")]



def test_one_number_for_two_coordinated_models_has_no_subject(run):
    text = "Random Forest and Decision Tree models yield superior performance, with accuracy exceeding 99%."
    r = run(text, [("Random Forest", "method"), ("Decision Tree", "method"), ("accuracy", "metric")])
    assert r.results() == [("exceeding 99%", None, None, "accuracy")]


def test_two_numbers_for_two_coordinated_models_pair_in_order(run):
    text = "Even GPT-4o and Claude-3 achieve only 43.4% and 41.8% accuracy."
    r = run(text, [("GPT-4o", "model"), ("Claude-3", "model"), ("accuracy", "metric")])
    assert [(v, s) for v, s, _, _ in r.results()] == [("43.4%", "GPT-4o"), ("41.8%", "Claude-3")]
