"""Who a claim is about, and whether it is doubtful: shared by the outperforms and result rules."""
from __future__ import annotations

import re

from .units import AGENTS, _FUNCTION_WORDS, Ent, PaperSubject, Rules, Unit, _Found, _listed_second

_BASELINE_BEFORE = re.compile(
    r"\b(?:prior|previous|existing|other|conventional|traditional|standard|vanilla|baseline)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE)
_CHANGED_LIST = re.compile(r"\s*(?:(?:the|its|their)\s+)?(?:M\s*(?:\([^()]{0,30}\))?\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)"
                           r"(?:(?:the|its|their)\s+)?)*", re.IGNORECASE)
_WITH_JOIN = re.compile(r"\s+(?:enhanced\s+|augmented\s+|equipped\s+)?with\s+(?:the\s+|our\s+)?", re.IGNORECASE)
_AGENT_HEAD = re.compile(r"\bour\s+(?:[\w.-]+\s+)?(?:model|method|approach|system|agent|algorithm|policy)s?\b", re.IGNORECASE)
_WITH_ING = re.compile(r"(?:^|[,;]\s*)with\s+$", re.IGNORECASE)
_ING_AFTER = re.compile(r"\s+(?:[a-z]+ly\s+)?(?!being\b)[a-z]{3,}ing\b")
_ADVERBS = frozenset("almost even still often always already again now only just".split())
_GERUND_OPENING = re.compile(r"\s*(?:by\s+)?([A-Za-z]+ing)\s[^,;:]*$")
_SHARE_OF = re.compile(r"\d\s*(?:\\?%|percent)\s+of\s+(?:the\s+|their\s+|its\s+)?$", re.IGNORECASE)  # "10% of visual KV cache"
_EXAMPLE_BEFORE = re.compile(r"\(\s*(?:e\.g\.|for example|such as|like)\s*,?\s*(?:[^()]*,\s*)?$", re.IGNORECASE)
# "Even with lightweight backbones (e.g., QWQ-32B), it often surpasses ...": an example inside a parenthesis (but
# "fine-tuning large PLMs (i.e., GPT-4) ... improves SPICE" names the subject itself)
# "the best-performing models, including GPT, Gemini, and Qwen families, ... achieving less than 50%": examples of a class
_LISTED_EXAMPLE = re.compile(r"\b(?:including|such\s+as|e\.g\.,?)\s+(?:[^,;()]{1,40},\s*)+(?:and\s+|or\s+)?$", re.IGNORECASE)
# "The proposed method is lightweight, pruning a 7B LLaMA model in under 10 minutes": the object of an -ing verb
# (not a means: "utilizing the Logistic Regression algorithm ..., achieving 98.83%" is Logistic Regression's)
_ING_OBJECT = re.compile(r"\b(?!(?:using|including|outperforming|surpassing|exceeding|matching|beating|rivaling|utilizing|utilising|"
                         r"leveraging|employing|applying|adopting|exploiting|harnessing|incorporating|integrating)\b)[a-z]{3,}ing\s+"
                         r"(?:a|an|the|its|their)\s+(?:[\w.-]+\s+)?$")
_PARTICIPLE_JOIN = re.compile(r"\s+[a-z]{3,}ed\s+(?:with|by|to|alongside)\b")  # "VGG16 paired with contrastive loss"


class SubjectRules(Rules):
    """The subject of a claim before a position; negation and hedging."""

    def _doubtful(self, text: str, pos: int) -> bool:
        """Negated or hedged: "does not outperform", "may outperform", "whether X outperforms Y"."""
        window = " ".join(text[max(0, pos - 80):pos].replace(",", " ").split()[-6:])  # "on par with, or surpassing"
        window = self.cues.negation_ok.sub(" ", window)
        return bool(self.cues.negation.search(window) or self.cues.hedge.search(window)
                    or re.search(r"\b(?:whether|if)\b", text[:pos], re.IGNORECASE))

    def _subject_before(self, unit: Unit, pos: int, paper_subject: PaperSubject | None,
                        cross_clauses: bool = False, found: _Found | None = None) -> Ent | int | None:
        """Who the claim before `pos` is about: the nearest method/model that is not a prepositional object
        nor the object of an "outperforms", preferring one that a verb follows ("CTM achieves").
        "our method" between that mention and `pos` means the paper's own method."""
        text, cues = unit.text, self.cues
        candidates = []
        for ent in reversed([e for e in unit.ents if e.end <= pos and e.label in AGENTS]):
            between = text[ent.end:pos]
            if not cross_clauses and cues.clause_stop.search(between):
                break
            if cues.our_reference.search(between) and not cues.our_reference.search(text[ent.start:ent.end]):
                break
            before = text[max(0, ent.start - 40):ent.start]
            if found is not None and self._proposal_added_with(unit, ent, found):
                candidates.append(ent)  # "RLVR with R-HORIZON improves ...": the paper's own part is what is measured
                continue
            if _WITH_ING.search(before) and _ING_AFTER.match(text, ent.end):
                candidates.append(ent)  # "with Kimi k1.5 outperforming GPT-4o": the subject of the "with" clause
                continue
            if cues.subject_blockers.search(before) or _BASELINE_BEFORE.search(before) or self._after_outperform(unit, ent) \
                    or _SHARE_OF.search(before) or _EXAMPLE_BEFORE.search(before) or _LISTED_EXAMPLE.search(before) \
                    or _ING_OBJECT.search(before):
                continue  # a prepositional object, a baseline ("prior deep SSMs") or what was outperformed
            if self._changed(unit, ent):
                continue  # "our method improves SBERT by 12%": what a verb of change changes is not who changes it
            if self._added_with(unit, ent):
                continue  # "GPT-4o with Chain-of-Thought (CoT) achieves": the model is measured, with the method
            if self._in_gerund_opening(text[:ent.start]) or _listed_second(unit, ent):
                continue  # "Combining A and B enables ...": A and B are objects; "A and B" counts once, as A
            if (cross_clauses or len(between.split()) > 1) and self._noun_modifier(text[ent.end:ent.end + 40]):
                continue  # "MiniMax-M1's full RL training", "a superior CoT quality, with Kimi outperforming": a modifier
            candidates.append(ent)
        verb_led = [e for e in candidates if cues.subject_verb_after.match(text[e.end:])]
        if verb_led or candidates:
            return (verb_led or candidates)[0]
        # "our method ..." or the proposal's own name where the entity finder left it unmarked
        named = paper_subject.pattern.search(text[:pos]) if paper_subject is not None else None
        if named and paper_subject.label not in AGENTS and any(e.start <= named.start() < e.end for e in unit.ents):
            named = None  # a marked mention the rules above set aside: "fine-tuning with MIS increases ..."
        if named and re.search(r"\bwithout\s+(?:the\s+|our\s+)?$", text[:named.start()], re.IGNORECASE):
            named = None  # "without ParaPO tuning, prompting the model ... (8.7 to 8.4)": the claim is about its absence
        if paper_subject is not None and (cues.our_reference.search(text[:pos]) or named
                                          or cues.pronoun_reference.search(text[:pos])):
            if paper_subject.label not in AGENTS and not paper_subject.pattern.search(text[:pos]) and \
                    _AGENT_HEAD.search(text[:pos]):
                return None  # a benchmark paper's "our 3B model achieves ...": a system, not the benchmark
            return paper_subject.index
        return None

    def _changed(self, unit: Unit, ent: Ent) -> bool:
        """The mention is in the list a verb of change changes: "improves BERTScore (+3.2%) and SBERT (+21.8%)",
        "our method improves SBERT by 12%"."""
        window_start = max(0, ent.start - 100)
        verb = None
        for verb in self.cues.change_verb.finditer(unit.text, window_start, ent.start):
            pass
        if verb is None:
            return False
        gap = unit.text[verb.end():ent.start]
        for other in sorted((e for e in unit.ents if verb.end() <= e.start and e.end <= ent.start), key=lambda e: -e.start):
            gap = gap[:other.start - verb.end()] + " M " + gap[other.end - verb.end():]
        return bool(_CHANGED_LIST.fullmatch(gap))

    @staticmethod
    def _added_with(unit: Unit, ent: Ent) -> bool:
        """A method joined by "with" to a model right before it ("GPT-4o with CoT"), or its parenthesised short form."""
        before = [e for e in unit.ents if e.end <= ent.start and e.label in AGENTS]
        if not before:
            return False
        last = before[-1]
        if re.fullmatch(r"\s*\(\s*", unit.text[last.end:ent.start]):
            ent, before = last, before[:-1]  # "Chain-of-Thought (CoT)": the short form goes with its long form
        return ent.label == "method" and any(
            e.label == "model" and _WITH_JOIN.fullmatch(unit.text, e.end, ent.start) for e in before)

    @staticmethod
    def _proposal_added_with(unit: Unit, ent: Ent, found: _Found) -> bool:
        """A proposed name joined by "with" to a method/model right before it: "A with B" where B is the paper's."""
        if found.names[ent.index] not in found.proposed_names():
            return False
        return any(e.label in AGENTS and _WITH_JOIN.fullmatch(unit.text, e.end, ent.start) for e in unit.ents if e.end <= ent.start)

    def _in_gerund_opening(self, before: str) -> bool:
        """The mention is an object inside an opening "-ing" phrase that has no verb of its own yet."""
        opening = _GERUND_OPENING.match(before)
        return bool(opening) and not self.cues.subject_verb_any.search(before, opening.end(1))

    def _noun_modifier(self, after: str) -> bool:
        """Followed by a common noun that is neither a verb of the claim nor a head like "model"."""
        word = re.match(r"\s+([a-z][a-z-]*)\b", after)
        if _PARTICIPLE_JOIN.match(after):
            return False  # "VGG16 paired with contrastive loss emerged as ...": a participle, the name is the subject
        if not word or word.group(1) in _FUNCTION_WORDS or word.group(1) in _ADVERBS or word.group(1).endswith("ly"):
            return False
        if re.fullmatch(r"[a-z-]+[^su]s", word.group(1)):
            return False  # "SiT-X trains 4.8x faster": a verb in the third person
        return not (self.cues.subject_verb_after.match(after) or self.cues.head_word.match(word.group(1))
                    or self.cues.outperform.match(word.group(1)))

    def _after_outperform(self, unit: Unit, ent: Ent) -> bool:
        """The mention is the object of an "outperforms" earlier in its clause."""
        window = unit.text[max(0, ent.start - 80):ent.start]
        cue = None
        for cue in self.cues.outperform.finditer(window):
            pass
        return cue is not None and not self.cues.clause_stop.search(window[cue.end():])
