"""The cue lists of data/relations/cues.json compiled into the regexes the rules use."""
from __future__ import annotations

import json
import re
from pathlib import Path

CUES_PATH = Path(__file__).parent.parent / "data" / "relations" / "cues.json"


def _plural(word: str) -> str:
    """"strategy" -> "strategies" (a plain "s" would give "strategys"), "series" stays."""
    if word.endswith("s"):
        return word
    return word[:-1] + "ies" if re.search(r"[^aeiou]y$", word) else word + "s"


def _alt(words: list[str]) -> str:
    """One regex alternation; word boundaries only where a phrase starts or ends with a word character.

    When every phrase is a plain word phrase the boundaries are written once around the group: Python's
    re tries each alternative at each position, and a shared lookbehind first makes that much cheaper."""
    words = sorted(set(words), key=lambda w: (-len(w), w))
    if all(w[:1].isalnum() and w[-1:].isalnum() for w in words):
        body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
        return rf"(?<![\w-])(?:{body})(?![\w-])"
    parts = []
    for word in words:
        body = re.escape(word).replace(r"\ ", r"\s+")
        head = r"(?<![\w-])" if word[:1].isalnum() else ""
        tail = r"(?![\w-])" if word[-1:].isalnum() else ""
        parts.append(f"{head}{body}{tail}")
    return "(?:" + "|".join(parts) + ")"


class Cues:
    """The cue lists of cues.json compiled into the regexes the rules use."""

    def __init__(self, data: dict, source: str = "cues.json"):
        try:
            self._compile(data)
        except KeyError as exc:
            raise ValueError(f"{source}: missing cue list {exc.args[0]!r}") from None
        except re.error as exc:
            raise ValueError(f"{source}: a cue does not compile as a regex: {exc}") from None

    def _compile(self, d: dict) -> None:
        flags = re.IGNORECASE
        self.confidence: dict[str, float] = dict(d["confidence"])
        self.propose = re.compile(
            rf"{_alt(d['propose_subjects'])}\s+(?:\w+ly\s+|also\s+|further\s+|then\s+|first\s+|next\s+|now\s+)?"
            rf"{_alt([v + s for v in d['propose_verbs'] for s in ('', 's', 'd', 'ed')])}", flags)
        novelty, naming = _alt(d["novelty_words"]), _alt(d["naming_cues"])
        heads = _alt(d["contribution_heads"] + [_plural(h) for h in d["contribution_heads"]])
        self.novelty_group, self.heads_group = novelty, heads
        paren = r"(?:\([^()]{0,60}\)\s*)?"
        self.appositive = re.compile(
            rf"^\s*{paren}(?:(?:,|:|--|—|–)\s*(?:a|an|the|our)\s+(?:[\w-]+\s+){{0,3}}?{novelty}"
            rf"|,?\s*(?:is|as)\s+(?:a|an|the)\s+(?!most\b|best\b|least\b|more\b)(?:[\w-]+\s+){{0,2}}?{novelty})", flags)
        # "we call Longtail Guidance (LTG)": the named phrase itself may be unmarked, its alias marked
        self.naming_before = re.compile(rf"{naming}\s*[,:]?\s*[\"'“‘]?(?:[^\s,;.()]+\s+){{0,5}}?(?:\(\s*)?$", flags)
        self.passive_proposed = re.compile(
            r"^\s*(?:\([^()]{0,40}\)\s*)?(?:[\w-]+\s+){0,2}?(?:is|are)\s+(?:\w+ly\s+|also\s+|further\s+)?"
            r"(?:proposed|introduced|presented|designed|developed|devised|constructed|formulated)\b", flags)
        claim_verbs = _alt(d["subject_verbs"] + d["outperform_verbs"] + d["block_before_entity"])
        self.our_named = re.compile(  # "the proposed method surpasses X": X is what it surpasses, not the proposal
            rf"(?:\b(?:our|the)\s+(?:proposed|new|novel)\s+(?:(?!{claim_verbs})[\w-]+\s+){{0,2}}?"
            rf"|\bour\s+(?:proposed\s+)?{_alt(d['our_heads'])}\s*,?\s*"
            rf"|\bthe\s+(?:proposed|new|novel)\s+{_alt(d['our_heads'])}\s*,\s*)$", flags)  # "The proposed approach, DivGNN,"
        # "We propose to extend world model predictions ... by introducing TWISTER": the means is the proposal
        self.by_introducing = re.compile(r"\bby\s+(?:introducing|proposing|developing|designing|presenting)\s+"
                                         r"(?:a\s+|an\s+)?(?:novel\s+|new\s+)?$", flags)
        self.our_bare = re.compile(r"\bour\s+(?:own\s+)?$", flags)  # a coined name right after "our" is the paper's
        self.new_kind = re.compile(
            rf"\b(?:a|an|the)\s+{novelty}\s+(?:(?!{heads})[\w-]+\s+){{0,4}}?{heads}\s*(?:,|:|--|—)?\s*(?:{naming}\s*)?$", flags)
        self.released = re.compile(rf"^\s*{paren}{_alt(d['release_cues'])}", flags)
        adopt = _alt([v + s for v in d["adoption_verbs"] for s in ("", "s", "d", "ed")])
        # "we utilize a Bug Locator", "we enhance web agents with an explicit rollback mechanism"
        self.adopt_new = re.compile(
            rf"{_alt(d['propose_subjects'])}\s+(?:\w+ly\s+|also\s+|further\s+|then\s+)?{adopt}\s+"
            rf"(?:(?:[\w-]+\s+){{1,3}}?(?:with|into)\s+)?(?:a|an)\s+(?:[a-z][\w-]*\s+)?$", flags)
        self.adopt_hints = _stems(d["adoption_verbs"])
        self.own_training_after = re.compile(rf"^\s*(?:\([^()]{{0,60}}\)\s*)?{_alt(d['own_training_cues'])}", flags)
        # "Delethink, an RL environment that ...", "X is a framework that ...": no novelty word
        self.appositive_plain = re.compile(
            rf"^\s*{paren}(?:(?:,|:|--|—|–)\s*|,?\s*is\s+)(?:a|an)\s+(?:[\w.-]+\s+){{0,4}}?{heads}(?![\w-])", flags)
        self.appositive_blockers = set(d["appositive_blockers"])
        self.background = re.compile(rf"^\s*{paren}(?:,|:|--|—|–|is)?\s*(?:a|an)\s+(?:[\w.-]+\s+){{0,3}}?{_alt(d['background_words'])}", flags)
        self.we_context = re.compile(r"\b(?:we|our|(?:this|the)\s+(?:paper|work)|novel|new|propos\w*|introduc\w*|present\w*)\b", flags)
        self.component_verb = re.compile(rf"^\s*(?:\([^()]{{0,60}}\)\s*)?(?:\w+ly\s+|also\s+|further\s+)?{_alt(d['component_verbs'])}", flags)
        self.our_component = re.compile(
            rf"\bour\s+(?:proposed\s+)?{_alt(d['our_heads'])}\s+(?:\w+ly\s+|also\s+|further\s+)?{_alt(d['component_verbs'])}", flags)
        self.our_subject = re.compile(rf"^\s*(?:\w+,\s*)?our\s+(?:proposed\s+)?(?:[\w-]+\s+)?{_alt(d['our_heads'])}\b", flags)
        self.title_link_after = re.compile(rf"^\s*(?:\([^()]*\)\s*)?(?::|--|—|–|-\s|{_alt(d['title_links'])}\s)", flags)
        # "We adopt and enhance SegGPT ... and introduce a scribble-based annotation mechanism"
        self.propose_and = re.compile(rf"\band\s+(?:then\s+)?(?:also\s+)?{_alt(d['propose_verbs'] + [v + 'd' if v.endswith('e') else v + 'ed' for v in d['propose_verbs']])}\s", flags)
        self.enumerated = re.compile(
            rf"\b(?:two|three|four|five|six|several|\d)\s+(?:(?:new|novel|core|key|main|complementary|distinct)\s+)?"
            rf"(?:[\w-]+\s+){{0,2}}?(?:{heads}|{_alt(d['part_heads'])})[^:;.]{{0,60}}:\s*", flags)
        # "we evaluate six metrics: ...": a counted list the paper uses, not one it makes (but "our framework
        # employs three modules: ..." lists its parts)
        self.used_list_before = re.compile(
            rf"\bwe\s+(?:\w+ly\s+|also\s+|first\s+|then\s+|further\s+)?{_alt(d['used_list_verbs'])}\s+(?:(?:the|on|across|over|with)\s+)?$", flags)
        self.block_before = set(d["block_before_entity"])
        self.gap_blockers = re.compile(_alt(d["propose_gap_blockers"]), flags)
        self.evaluation = re.compile(_alt(d["evaluation_cues"]), flags)
        self.training_before = re.compile(rf"{_alt(d['training_cues'])}\s+(?:the\s+|our\s+)?(?:[\w-]+\s+)?$", flags)
        self.usage_before = re.compile(rf"{_alt(d['usage_cues'])}\s+(?:the\s+|a\s+|an\s+)?$", flags)
        self.outperform = re.compile(_alt(d["outperform_verbs"]), flags)
        self.propose_hints = _stems(d["propose_verbs"])
        self.outperform_hints = _stems(d["outperform_verbs"], d["passive_outperform"], ["higher", "better", "stronger"])
        self.based_on_hints = _stems(d["based_on_cues"])
        self.better_than = re.compile(r"\b(?:higher|better|stronger)\b(?:\s+[\w-]+){0,3}?\s+than\b", flags)
        self.passive = re.compile(_alt(d["passive_outperform"]), flags)
        self.negation = re.compile(_alt(d["negation_cues"]), flags)
        self.negation_ok = re.compile(_alt(d["negation_exceptions"]), flags)
        self.hedge = re.compile(_alt(d["hedge_cues"]), flags)
        self.clause_stop = re.compile(_alt(d["clause_stops"]), flags)
        self.based_on = re.compile(_alt(d["based_on_cues"]), flags)
        self.based_on_model_only = {c.lower() for c in d["based_on_model_only"]}
        self.backbone_after = re.compile(rf"^\s*{_alt(d['backbone_cues'])}", flags)
        self.variant_suffix = re.compile(d["variant_suffix"], flags)
        # "over 2%", "over a 1000x" (the article stays after a qualifier), "over $9\\times$" (math opens after it)
        self.qualifier_before = re.compile(rf"{_alt(d['qualifiers'])}(?:\s+an?)?\s*\$?\s*$", flags)
        self.qualified_factor = re.compile(
            rf"\bby\s+(?P<value>{_alt(d['qualifiers'])}\s+an?\s+factor\s+(?:of\s+)?(?P<num>\d+(?:\.\d+)?))(?!\w|\.\d)", flags)
        # "$14\\times$ less parameters": a multiplier of a reduction keeps its comparative ("14× less")
        self.reverse_after = re.compile(rf"^\s*{_alt(d['reverse_comparatives'])}", flags)
        # "a 2-point improvement in ROUGE": a hyphenated point count before a word of change
        self.point_value = re.compile(
            rf"(?<![\w.-])(?P<num>\d+(?:\.\d+)?)-points?(?=\s+(?:absolute\s+|average\s+|relative\s+)?{_alt(d['point_gain_nouns'])})", flags)
        # "compared to RAG systems built on ...", "surpassing traditional GNN baselines": a class, not the name
        self.class_after = re.compile(rf"^\s+{_alt(d['class_heads'])}", flags)
        self.baseline_after = re.compile(rf"^\s+{_alt(d['baseline_heads'])}", flags)
        self.class_modifier_before = re.compile(rf"{_alt(d['class_modifiers'])}\s+(?:[\w-]+\s+)?$", flags)
        self.magnitude = re.compile(
            rf"\bby\s+(?P<value>(?:{_alt(d['qualifiers'])}\s*)?(?P<count>one|two|three|four|five|six|seven|eight|nine|ten|several|"
            rf"\d+(?:\.\d+)?)(?:\s*(?:to|-|–)\s*(?:two|three|four|five|six|seven|eight|nine|ten|\d+(?:\.\d+)?))?"
            rf"\s+orders?\s+of\s+magnitude)\b", flags)  # "by 1 to 2 orders of magnitude": one value
        # "completes in only three weeks", "solves the tasks in under 3 hours": a time the claim is about
        self.duration = re.compile(
            rf"(?:\bin\s+|\bwithin\s+(?={_alt(d['duration_qualifiers'])}\s)|(?=\bwithin\s))(?P<intensifier>{_alt(d['duration_intensifiers'])}\s+)?(?P<value>(?P<qualifier>"
            rf"{_alt(d['duration_qualifiers'])}\s+)?(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+(?:\.\d+)?)"
            rf"\s*{_alt(d['duration_units'])})(?![\w-])", flags)
        self.scale_after = re.compile(rf"^\s*{_alt(d['scale_words'])}(?![\w])", flags)
        self.pre_number_blockers = {w.lower() for w in d["pre_number_blockers"]}
        self.post_number_ok = re.compile(rf"^\s*(?:[,.;:)\]]|$|{_alt(d['post_number_ok'])})", flags)
        self.integer_cue_before = re.compile(rf"{_alt(d['integer_result_cues'])}\s*[:=]?\s*(?:the\s+|a\s+|an\s+)?$", flags)
        self.percent_setting = re.compile(  # "30% of the data"; "poisoning 1% of the evaluator training data"
            rf"^\s+of\s+(?:{_alt(d['percent_of_setting'])}|(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?"
            rf"(?:training|train|pre-training|pretraining|fine-tuning)\s+(?:data|set|samples|examples|corpus|tokens)\b)", flags)
        # "with just 10% verifiable rewards", "using 8% background images": a share of the inputs, not a score
        self.setting_before_percent = re.compile(rf"{_alt(d['setting_before_percent'])}\s+$", flags)
        # "DSDBench includes 1,117 annotated samples with 741 error pairs": counts describing a dataset
        self.composition = re.compile(_alt(d["composition_verbs"]), flags)
        # "TinyLlama, which is trained on 10 times more data", "models that are 10 times larger": sizes
        self.size_after = re.compile(rf"^\s*{_alt(d['size_after'])}", flags)
        self.not_result_after = re.compile(rf"^\s*{_alt(d['not_result_after'])}", flags)
        self.subject_blockers = re.compile(
            rf"(?:{_alt(d['subject_blockers'])}|compared\s+(?:to|with)|relative\s+to)\s+(?:the\s+|a\s+|an\s+)?$", flags)
        # "our 3B model", "our 7B-parameter model": a size between "our" and the head is still ours
        self.our_reference = re.compile(rf"{_alt(d['our_reference'])}|\bwe\b|\bour\s+[\w.-]*\d[\w.-]*\s+{_alt(d['our_heads'])}", flags)
        # "Compared to SBERT, it yields +21.8%": a pronoun opening the clause of a claim, read as the paper's proposal
        self.pronoun_reference = re.compile(
            rf"(?:^|[,;:]\s*|\b(?:that|and|where|while)\s+){_alt(d['pronoun_reference'])}\s+(?:\w+ly\s+|also\s+|further\s+|still\s+|even\s+)?"
            rf"(?:{_alt(d['subject_verbs'])}|$)"  # at the end: the verb is the claim's own ("it outperforms")
            rf"|^\s*{_alt(d['consequence_openers'])}", flags)  # "This leads to ... by 28-87%": the last claim's consequence
        self.change_verb = re.compile(_alt(d["change_verbs"]), flags)
        # "we introduce a novel metric to quantify underthinking by measuring token efficiency"
        self.new_measure = re.compile(
            rf"\b(?:a|an)\s+(?:{novelty}\s+)+(?:[\w-]+\s+)?{_alt(d['measure_heads'])}(?![\w-])", flags)
        # "a new agent framework that incorporates two dedicated reflection modules"
        self.plural_parts = re.compile(
            rf"\b(?:two|three|four|five|six|several|multiple|\d)\s+(?:(?:new|novel|dedicated|specialized|key|core|"
            rf"complementary|distinct)\s+)?([a-z][\w-]*)\s+({_alt(d['plural_part_heads'])})", flags)
        self.respectively = re.compile(_alt(d["respectively"]), flags)
        self.subject_verb_after = re.compile(rf"^\s*(?:\([^()]{{0,60}}\)\s*)?,?\s*(?:\w+ly\s+)?{_alt(d['subject_verbs'])}", flags)
        self.subject_verb_any = re.compile(_alt(d["subject_verbs"]), flags)
        self.modifier_after = re.compile(rf"^(?:-based|-style|-like|-inspired|-driven|-guided)?\s+(?:[\w-]+\s+)?{heads}", flags)
        self.head_word = re.compile(heads, flags)
        self.applied_after = re.compile(r"^\s+into\b", flags)


def load_cues(path: str | Path | None = None) -> Cues:
    """Read the cue lists; a broken file is reported with its name (and line, for bad JSON)."""
    path = Path(path) if path else CUES_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    return Cues(data, str(path))


def _stems(*lists: list[str]) -> tuple[str, ...]:
    return tuple(sorted({w.lower().split()[0][:5] for words in lists for w in words}))
