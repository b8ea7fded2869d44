"""Small helpers for the words the pages and messages put together."""


def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: only its first letter made lower case, so names in
    it keep theirs ("Confirmed by Amazon" → "confirmed by Amazon", not "confirmed by amazon")."""
    return label[:1].lower() + label[1:]
