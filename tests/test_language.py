from bilat.ingest.language import detect


def test_detects_languages_bilat_refuses() -> None:
    fr = (
        "Le ministre de la Défense a rencontré son homologue russe à New Delhi pour discuter "
        "de la coopération militaire et des livraisons du système S-400 dans les prochains mois."
    )
    ru = "Министр обороны Индии встретился с российским коллегой в Нью-Дели на этой неделе."
    de = (
        "Der indische Verteidigungsminister hat sich mit dem russischen Amtskollegen getroffen, "
        "um über die Lieferung der Systeme und die gemeinsame Produktion zu sprechen, sagte er."
    )
    assert detect(fr) == "fr"
    assert detect(ru) == "ru"
    assert detect(de) == "de"


def test_english_and_short_texts_are_english() -> None:
    en = (
        "The defence ministers of India and Russia met in New Delhi on Thursday and signed "
        "the protocol of the commission, which reviewed the deliveries of the S-400 system."
    )
    assert detect(en) == "en"
    assert detect("S-400 Su-57 IRIGC-M&MTC") == "en"


def test_a_short_english_sentence_with_foreign_looking_words_is_english() -> None:
    text = (
        "Australia committed 49 retired M1A1 Abrams tanks to Ukraine in a package worth "
        "A$245 million, Defence Minister Richard Marles announced."
    )
    assert detect(text) == "en"
