"""The words and patterns the assemble rules read, each once, with why it matters."""
from __future__ import annotations

import re

from tacitus.lexicon import SPEECH, TOPIC_HEADS

ANAPHOR = re.compile(r"\b(?:the|this|these|that|those|its|their)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
COMES_AFTER = re.compile(r"\b(?:comes?|came|follows?|followed|occurred|happened)\b", re.IGNORECASE)
RECIPROCAL = re.compile(r"\bexchang\w*|\bclash\w*|\bfought\b|\bbattl\w+|\bfighting\b", re.IGNORECASE)
GENERIC_REFERENCE = re.compile(
    r"^(?:attacks?|assaults?|raids?|incidents?|violence|bombardments?|shellings?|strikes?|operations?|"
    r"clash(?:es)?|fighting|battles?|ambush(?:es)?|blasts?|explosions?|bombings?)$", re.IGNORECASE)
IRREALIS = re.compile(
    r"\b(?:will|would|could|might|plans? to|planning to|(?-i:(?<!well-)plann(?:ing|ed)|plott(?:ing|ed))|"
    r"threaten\w*|warn\w* of|vow\w* to|intends? to|"
    r"if|unless|expected to|expects?|as soon as|purports? to|purportedly|upcoming|impending|looming|"
    r"(?:is|are|was|were) (?:set|scheduled|due) (?:to|for)|"
    r"fears? of|denied|deny|denies|"
    # "urged all sides to prevent further clashes": what is to be stopped has not happened
    r"prevent(?:s|ed|ing)?|avert(?:s|ed|ing)?|avoid(?:s|ed|ing)?|forestall\w*|"
    # "trained and instructed to carry out attacks": what someone is made ready to do
    r"(?:trained|instructed|ordered|recruited|preparing|prepared|ready|capable|able|sent)\s+"
    r"(?:[\w'’-]+\s+){0,3}?to\s+(?:carry\s+out|launch|stage|mount|conduct|commit|perpetrate)|"
    r"did not|didn't|no one was|were not|"
    # "broke an agreement not to attack the air base": what was agreed not to be done
    # ("an elder, who asked not to be named, said" is no such promise)
    r"(?:agree\w*|agreement|pledge\w*|promis\w*|vow\w*|decid\w*|decision|deal|commitment|undertaking)\s+not\s+to)\b",
    re.IGNORECASE)
MODAL_AFTER = re.compile(
    r"[\s\"'”]+(?:(?!that\b|which\b|who\b)[\w\"'”]+\s+){0,2}"
    r"(?:will|would|could|might|may|denied|deny|denies)\b", re.IGNORECASE)
# Breaking up a gathering (not arresting, barring or chasing someone away).
DISPERSAL = re.compile(
    r"^(?:dispers\w*|tear ?gas\w*|teargas\w*|water cannons?|rubber bullets|fired (?:shots )?in "
    r"the air|shot in the air|broke up|break up|quelled|baton-charged|lobbed|canisters)$",
    re.IGNORECASE)
WEAPONS = {"ied", "shell", "air", "grenade", "chemical"}
CROWD_KINDS = {"protest", "riot", "mob"}
ELECTION = r"(?:general\s+|presidential\s+|repeat\s+|fresh\s+|local\s+)?(?:elections?|polls?|vote|referendum|ballot)"
ELECTION_AFTER = re.compile(r"^(?:['’]s)?\s+" + ELECTION + r"\b", re.IGNORECASE)
ELECTION_BEFORE = re.compile(r"\b" + ELECTION + r"\s+(?:on|of|held on|scheduled for|set for|slated for)\s+$",
                              re.IGNORECASE)
# "lodged a formal protest", "screamed protests at the pain": a protest said or sent
COMPLAINT = re.compile(r"\b(?:lodg|voic|scream|shout|fil|regist|issu|sen[dt])\w*\s+"
                       r"(?:(?:a|an|its|their|his|her|formal|strong|official|diplomatic|written|loud)\s+){0,3}$",
                       re.IGNORECASE)
# "during his funeral at Kocatepe Mosque in Ankara", "coffins ... arrive at the airport
# in Kolkata", "a makeshift memorial outside the hospital in Orlando": where the dead are
# mourned or carried, up to the place named
FUNERAL_BEFORE = re.compile(
    r"\b(?:funerals?|burials?|buried|coffins?|caskets?|memorial|mourners|mourning)\b[^.;:]*?"
    r"\b(?:at|in|near|outside|to)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,5}$", re.IGNORECASE)
# "fleeing from clashes", "escaped the fighting": the event people came from
FLED_FROM = re.compile(r"\b(?:fle(?:e|es|eing|d)|escap(?:e|es|ed|ing))\s+(?:from\s+)?(?:the\s+)?$", re.IGNORECASE)
# "a planned march was turned into a rally", "the sit-in escalated into clashes": a change
# of state; what it turned into happened, whatever was only planned before it
TURNED_INTO = re.compile(
    r"\b(?:(?:was|were|been)\s+)?(?:turn(?:ed|s|ing)|escalat(?:ed|es|ing)|descend(?:ed|s|ing)|"
    r"devolv(?:ed|es|ing)|degenerat(?:ed|es|ing))\s+into\b|\b(?:became|gave way to|ended (?:up )?in)\b",
    re.IGNORECASE)
# "before he moved into the White House Friday": a subordinate clause with a pronoun
# subject, up to the date it may give (no clause break between)
SUBORDINATE_CLAUSE = re.compile(r"\b(?:before|after|until|when|since|once)\s+(?:he|she|they|it|we|I|you)\s+[^,;:]*$",
                                re.IGNORECASE)
# "since the 2003 invasion", "since 2014", "since the attack on X in 2008": the year a
# comparison runs from
SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,6}?(?:in\s+)?$", re.IGNORECASE)
# "another attack", "in a separate incident": the sentence tells a new event
ANOTHER = re.compile(r"\b(?:another|separate(?:ly)?|second|third|fourth|other)\s+(?:\w+\s+)?"
                      r"(?:attacks?|incidents?|clash(?:es)?|raids?|ambush(?:es)?|assaults?|bombings?)\b"
                      r"|\bseparately\b|\bin a separate\b", re.IGNORECASE)
# "released a report Friday": the day a report came out, which dates nothing it tells
_RELEASED = SPEECH.pattern("released_when") + r"(?:\s+[\w'’-]+){0,3}"  # "released a report"
RELEASED_WHEN = re.compile(r"\b" + _RELEASED + r"\s+(?:on\s+)?$", re.IGNORECASE)
SAID_WHEN = re.compile(
    r"\b(?:" + SPEECH.pattern("said_when") + r"|" + SPEECH.pattern("said_to") + r"(?:\s+[\w'’.-]+){1,4}"
    r"|" + _RELEASED + r")"
    r"\s+(?:(?:late|early)\s+)?(?:on\s+)?$", re.IGNORECASE)
# "Trump on Wednesday said ...": a date just before a speech verb dates the statement
# (this and CAMPAIGN_AFTER are matched at a position: no "^", which would never match there).
SAID_AFTER = re.compile(r"\s+" + SPEECH.pattern("said_when") + r"\b", re.IGNORECASE)
# "their battle against Islamic State", "the battle over transgender rights": a campaign
# or a contest of words, not a fight on a day at a place
CAMPAIGN_BEFORE = re.compile(r"\b(?:the|their|its|his|her|our|a|this|that)\s+(?:[\w'’-]+\s+){0,2}$",
                             re.IGNORECASE)
CAMPAIGN_WORD = re.compile(r"^(?:battle|fight|war|struggle|campaign)$", re.IGNORECASE)
# "the Republican nomination battle", "a legal battle", "local battles" of a race: a
# contest of votes, courts or words
CONTEST_BEFORE = re.compile(r"\b(?:nomination|political|legal|court|courtroom|election|electoral|campaign|primary|"
                            r"budget|policy|trade|custody|diplomatic|verbal|media|ideological|legislative|"
                            r"procedural|ratings|local)\s+$", re.IGNORECASE)
CONTEST_WORD = re.compile(r"^(?:battles?|fights?|war|wars|struggles?|skirmish(?:es)?|clash(?:es)?)$", re.IGNORECASE)
CAMPAIGN_AFTER = re.compile(r"\s+(?:against|over)\s", re.IGNORECASE)
# A photo caption ends with its place and full date: "..., in Paris, France, Jan. 21, 2017."
CAPTION_DATE_BEFORE = re.compile(r",\s*$")
CAPTION_DATE_AFTER = re.compile(r"[\s.)]*$")
ARMED_KINDS = {"attack", "fight", "shell", "air", "ied", "suicide", "grenade", "looting", "abduct"}
FIRE = re.compile(r"\bfire\b|\bablaze\b|torch|burn|razed", re.IGNORECASE)
# "A day after the clash, …", "Following the attack, …": a cue that dates the news by an
# event already told ("killed following an attack by X" is that attack, and stays).
REFERENCE = re.compile(
    r"(?:\b(?:a|one|two|three|four|five|six|several|few|\d+|hours?|days?|weeks?|months?)\s+"
    r"(?:\w+\s+)?(?:after|before|since)|^\s*(?:after|before|since|following))\s+"
    r"(?:the|this|that|these|those)\s+(?:[\w'’-]+\s+){0,2}$"
    # "tension not seen since the terror attack on X", "the deadliest since the bombing of
    # Y": the event a comparison runs from
    r"|\b(?:seen|known|recorded|witnessed|deadliest|worst|bloodiest|biggest|largest|first)\s+"
    r"(?:\w+\s+){0,3}?since\s+(?:the|this|that)\s+(?:[\w'’-]+\s+){0,2}$"
    # "arrested three men suspected of planting bombs": an allegation, not a bombing
    r"|\b(?:suspected|accused|convicted|charged|on suspicion)\s+(?:of|with)\s+(?:[\w'’-]+\s+){0,2}$"
    # "the chief suspect in the New Year's shooting", "the mastermind of the attack": the
    # person is the news, the event is who they are
    r"|\b(?:suspects?|masterminds?|perpetrators?|organi[sz]ers?)\s+(?:(?:in|of|behind)\s+"
    r"(?:the|this|that|last\s+\w+['’]s)|of|behind)\s+(?:[\w'’-]+\s+){0,4}$",
    re.IGNORECASE)
# "a day after the bombing in Kabul", "since the attack on Mumbai": the words between a
# reference's event word and the place it happened at
REFERENCE_PLACE = re.compile(r"\s+(?:on|in|at|near|of)\s+(?:the\s+)?", re.IGNORECASE)
# Words that say a gathering is a protest, whatever occasion it met at: "demonstrators
# chant ... after his campaign rally" is a protest, "supporters cheer at his rally" is not
EXPLICIT_PROTEST = re.compile(r"^(?:protest|demonstrat)", re.IGNORECASE)
# Between an event named as a reference and its toll: "... rampage that killed 39"
RELATIVE_TOLL = re.compile(r"[^,;.]*?\b(?:that|which)\s+(?:[\w'’-]+\s+){0,2}")
# "Among the victims were a boy and a woman": who the event just told hit
VICTIMS_OF = re.compile(r"^\W*(?:among|of) the (?:victims|dead|killed|wounded|injured|casualties)\b", re.IGNORECASE)
# A sentence that names who is blamed for the event just told: "Al Shabaab is suspected".
BLAME = re.compile(r"\b(?:believed|suspected|blamed|responsib\w*|claimed|attributed|perpetrators?)\b",
                    re.IGNORECASE)
# The trigger sits in a clause recalling an event weeks or more back: "a week after
# fighters killed 14 there", "since last month's raid", "last week's attack". Days are
# left out: "two days after the ambush, gunmen struck again" tells new events.
RECALL = re.compile(
    r"\b(?:(?:a|one|two|three|four|five|six|several|\d+) (?:weeks?|months?|years?) (?:after|since)|"
    r"(?:last|previous) (?:week|month|year)'s)"
    r"\s+(?:[\w'-]+\s+){0,6}$", re.IGNORECASE)  # no comma: "a week after X, Y did Z" is news
# The trigger sits in a clause that tells a person's or a victim's past, not the news:
# "commander X, who was killed in an attack in Syria, ...", "bodies of people killed
# during a rally are seen": the event is mentioned in passing, as who someone is.
PASSING = re.compile(
    r"(?:\b(?:who|whom)\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+"
    r"|\bof\s+(?:the\s+)?(?:people|persons|those|men|women|children|civilians|victims)\s+)"
    r"(?:killed|wounded|injured|hurt|maimed|arrested|detained|jailed|abducted|kidnapped|displaced|orphaned)"
    r"\s+(?:in|during|at|by)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
CIVILIANS = re.compile(r"\bcivilians?\b", re.IGNORECASE)
TOPIC = re.compile(r"\b" + TOPIC_HEADS.pattern("topic") + r"\s+(?:[\w'’-]+\s+){0,2}?"
                    r"(?:about|over|at|into|of|on|against|for|that|following)\s+(?:[\w'’.\"“”-]+\s+){0,5}$",
                    re.IGNORECASE)
# Words that name an event's place by pointing back to the story's: "the town", "there".
PLACE_ANAPHOR = re.compile(r"\b(?:the|that|this) (?:town|city|village|area|district|camp|market|region|"
                           r"neighbou?rhood|locality)\b|\bthere\b", re.IGNORECASE)
# A caption of a photo from the archive: "FILE - ...", "FILE PHOTO: ...".
FILE_PHOTO = re.compile(r"^\s*\(?FILE(?:\s+PHOTO)?\)?\s*[-–—:]")
# Words that give a protest's cause or aim: an arrest after them is what is protested.
PROTEST_CAUSE = re.compile(r"\b(?:against|over|in support of|in protest at|to protest|protesting|"
                            r"demanding|calling for|to demand|where|following)\b", re.IGNORECASE)
WRITTEN_DATE = re.compile(r"\d")  # a day or year in digits: "Oct. 9, 2015", "9/10", "March 3"
