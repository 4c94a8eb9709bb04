"""Owner names that look like an organisation, not a person: "NICE", "DfE", "Review Team".
(Short forms of people's names are site_gen.conventions.short_names'.)"""

from __future__ import annotations

import re

# Words that name an organisation, not a person: "NICE", "Review Team", "Department for ...".
_BODY_WORDS = re.compile(
    r"(?i)\b(?:team|council|department|dept|ministry|committee|board|office|agency|service|"
    r"services|trust|authority|association|institute|university|college|commission|"
    r"foundation|ltd|limited|inc|plc|unit|partnership|network|secretariat|panel|centre|center)\b"
)


def looks_like_body(text: str) -> bool:
    """An acronym ("NICE", "DfE") or a name with an organisation's word in it."""
    letters = text.replace(" ", "")
    capitals = sum(c.isupper() for c in letters)
    # Two or three capitals alone are more likely someone's initials ("JS").
    acronym = letters.isalpha() and capitals >= 2 and (len(letters) >= 4 or capitals < len(letters))
    return acronym or bool(_BODY_WORDS.search(text))
