from vendorflow.lib.text import in_sentence


def test_a_label_in_a_sentence_keeps_amazon_capitalised():
    assert in_sentence("Confirmed by Amazon") == "confirmed by Amazon"
    assert in_sentence("Submitted, awaiting Amazon") == "submitted, awaiting Amazon"
    assert in_sentence("Queued") == "queued"
    assert in_sentence("") == ""
