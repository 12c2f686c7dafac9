"""Matching rules drawn from published news (issue 10), each tested on records and articles written
here: which agreeing record an editor cites first, and which verdict the records allow."""

from __future__ import annotations

import datetime as dt

from support import record

from checker.match import check_article

PUB = dt.date(2024, 5, 29)


def check(library, text, language="en", published=PUB):
    return {c.claim.text: c for c in check_article(text, library, language=language, published=published).checks}


# ---- the record that gives the article's own value ranks first ----------------------------------


def test_the_record_giving_the_exact_amount_ranks_before_a_rounder_one(fresh_library):
    fresh_library.add(
        [
            record(
                "R1", "Tarvos Hotels agreed to sell its Dublin portfolio to Meridel Capital for about $1.3 billion."
            ),
            record("R2", "Meridel Capital is buying the Dublin portfolio of Tarvos Hotels for $1.4 billion."),
        ]
    )
    c = check(fresh_library, "Meridel Capital will pay $1.4 billion for the Dublin hotels of Tarvos Hotels.")[
        "$1.4 billion"
    ]
    assert [m.source_id for m in c.matches][:1] == ["R2"], [(m.source_id, m.score) for m in c.matches]
    assert c.suggestion == "supported"


def test_the_record_giving_the_day_ranks_before_one_giving_its_month(fresh_library):
    fresh_library.add(
        [
            record("D1", "Tarvos Hotels first met Meridel Capital in March 2024 about its Dublin hotels."),
            record("D2", "Tarvos Hotels first met Meridel Capital on 5 March 2024 about its Dublin hotels."),
        ]
    )
    c = check(fresh_library, "Tarvos Hotels first met Meridel Capital on March 5 about its Dublin hotels.")["March 5"]
    assert [m.source_id for m in c.matches][:1] == ["D2"], [(m.source_id, m.score) for m in c.matches]


# ---- later records -------------------------------------------------------------------------------


def test_a_later_record_confirms_a_part_beside_a_larger_total_elsewhere(fresh_library):
    fresh_library.add(
        [
            record(
                "L1",
                "Orvane Motors agreed to pay $600 million to settle the battery lawsuit. "
                "It will pay $150 million within a month of the court's approval.",
                published="2024-07-02",
            )
        ]
    )
    c = check(fresh_library, "Orvane Motors will pay $150 million within a month to settle the battery lawsuit.")[
        "$150 million"
    ]
    assert c.matches[0].source_id == "L1" and c.matches[0].agreement == "agrees", c.matches
    assert c.suggestion == "supported"


def test_a_later_record_giving_both_of_the_articles_prices_confirms_each(fresh_library):
    fresh_library.add(
        [record("P1", "Cocoa is bought at 900 euros a tonne in Ghana and 950 euros in Togo.", published="2024-07-02")]
    )
    text = "Cocoa sells at 900 euros a tonne in Ghana, against 950 euros in Togo."
    c = check(fresh_library, text)["900 euros"]
    assert c.matches[0].source_id == "P1" and c.matches[0].agreement == "agrees", c.matches


def test_a_later_record_with_a_larger_total_beside_the_figure_is_no_confirmation(fresh_library):
    fresh_library.add(
        [
            record(
                "T1", "Orvane Motors added $4 billion, $8 billion in all, to Celtis Batteries.", published="2024-07-02"
            )
        ]
    )
    c = check(fresh_library, "Orvane Motors has put $4 billion into Celtis Batteries.")["$4 billion"]
    assert c.matches[0].agreement == "unknown" and c.suggestion != "supported"


def test_the_report_of_the_time_ranks_before_one_written_months_later(fresh_library):
    fresh_library.add(
        [
            record("N1", "Kestrel Bank was fined 5 million euros by a court.", published="2024-05-28"),
            record(
                "N2", "The Lisbon court fined Kestrel Bank 5 million euros; the bank appealed.", published="2024-09-12"
            ),
        ]
    )
    c = check(fresh_library, "The Lisbon court fined Kestrel Bank 5 million euros.")["5 million euros"]
    assert [m.source_id for m in c.matches][:1] == ["N1"], [(m.source_id, m.score) for m in c.matches]


# ---- a record about the article's story ---------------------------------------------------------


def test_a_record_holding_the_articles_names_is_on_its_story(fresh_library):
    # The amount's own paragraph names nobody, and the record is in another language: what tells
    # that it is about the same thing is that it names the article's rare names.
    fresh_library.add(
        [
            record(
                "S1",
                "Ilse Varga's Tarvos Hotels has sold its portfolio to Meridel Capital. Bankers earned $2 million on it.",
                published="2024-05-28",
            ),
            record("X1", "Heavy rain over Lisbon caused $2 million of damage to vineyards.", published="2024-05-28"),
        ]
    )
    text = (
        "Tarvos Hotels, dirigé par Ilse Varga, a cédé ses hôtels à Meridel Capital.\n\n"
        "Les banquiers se partagent 2 millions de dollars, du jamais vu."
    )
    c = check(fresh_library, text, language="fr")["2 millions de dollars"]
    assert c.suggestion == "supported" and "S1" in c.reason, c.reason
    assert next(m for m in c.matches if m.source_id == "X1").relevance < 0.2


# ---- quotes: who said it, and a negation outside the quote marks ---------------------------------


def test_a_negation_before_the_quote_marks_frames_it_as_the_records_does(fresh_library):
    fresh_library.add(
        [
            record(
                "Q1",
                'Judge Ada Brenn said: "Inspectors must apply the rules to themselves and not put '
                'themselves beyond the rules."',
            )
        ]
    )
    text = "Judge Ada Brenn told the court that no inspector should “put themselves beyond the rules”."
    c = check(fresh_library, text)["put themselves beyond the rules"]
    assert c.matches[0].quote_class == "verbatim" and c.suggestion == "supported", c.reason


def test_words_of_an_organisation_given_to_its_spokesman_are_not_misattributed(fresh_library):
    fresh_library.add(
        [
            record(
                "Q2",
                '"This agreement closes a long dispute and lets Orvane Motors look ahead," spokesman Piet Maas said.',
            )
        ]
    )
    text = (
        "Orvane Motors settled the case. \"This agreement closes a long dispute and lets Orvane Motors look ahead,\" "
        "Orvane Motors said in a statement."
    )
    c = check(fresh_library, text)["This agreement closes a long dispute and lets Orvane Motors look ahead,"]
    assert c.matches[0].quote_class == "verbatim" and c.suggestion == "supported", c.reason


def test_a_short_phrase_quoted_inside_a_sentence_is_given_to_nobody(fresh_library):
    fresh_library.add(
        [
            record(
                "Q3",
                'The six clubs will pay £9 million as "a token of good faith", the Harlow Football League said.',
            ),
            record("Q4", 'Marta Ilves said the six clubs would pay "a token of good faith" to the Harlow League.'),
        ]
    )
    text = 'The six clubs will pay £9 million as "a token of good faith", Marta Ilves said.'
    c = check(fresh_library, text)["a token of good faith"]
    assert c.suggestion == "supported", c.reason
    assert all(m.quote_class != "misattributed" for m in c.matches)


def test_a_record_naming_the_speaker_by_surname_gives_the_words_to_them(fresh_library):
    fresh_library.add(
        [record("Q5", 'The judge, Brenn, said: "The accused forged forty invoices between 2019 and 2021."')]
    )
    text = 'Judge Ada Brenn said: "The accused forged forty invoices between 2019 and 2021."'
    c = check(fresh_library, text)["The accused forged forty invoices between 2019 and 2021."]
    assert c.matches[0].quote_class == "verbatim" and c.suggestion == "supported", c.reason


# ---- dates in a sentence that names nobody -------------------------------------------------------


def test_a_date_in_a_sentence_naming_nobody_is_checked_against_the_story(fresh_library):
    fresh_library.add(
        [
            record(
                "C1",
                "The Harlow council and the Brenn Works union agreed on an August 1 deadline for the wage deal.",
                published="2024-05-28",
            ),
            record("C2", "The Lisbon festival opens on August 1 with a concert.", published="2024-05-20"),
        ]
    )
    text = (
        "The Harlow council and the Brenn Works union reached a wage deal.\n\nBoth sides agreed on an Aug. 1 deadline."
    )
    c = check(fresh_library, text)["Aug. 1"]
    assert c.suggestion == "supported" and c.matches[0].source_id == "C1", c.reason
    assert all(m.source_id != "C2" or m.relevance < 0.2 for m in c.matches)


def test_only_a_year_does_not_date_a_month_of_a_sentence_naming_nobody(fresh_library):
    fresh_library.add(
        [
            record(
                "Y1",
                "The Harlow council and the Brenn Works union will hold new wage talks in 2024.",
                published="2024-05-28",
            )
        ]
    )
    text = "The Harlow council and the Brenn Works union reached a wage deal.\n\nTalks resume in June."
    c = check(fresh_library, text)["in June"]
    assert c.suggestion != "supported", c.reason


# ---- names written another way -------------------------------------------------------------------


def test_a_company_is_found_whatever_its_legal_form_is_written(fresh_library):
    fresh_library.add(
        [
            record("F1", "The buyer is a new company, Brenn Harbour Holdings Limited, owned by Meridel Capital."),
            record("F2", "Meridel Capital formed Brenn Harbour Holdings Ltd. to buy the port."),
        ]
    )
    text = "Meridel Capital set up Brenn Harbour Holdings Ltd to buy the port of Harlow."
    c = check(fresh_library, text)["Brenn Harbour Holdings Ltd"]
    assert {m.source_id for m in c.matches} == {"F1", "F2"}, c.matches
    assert c.suggestion == "supported"


def test_a_title_glued_to_a_name_is_not_part_of_it():
    from checker.context import key_variants, untitled

    assert untitled("M.Rachid Hachichi") == "Rachid Hachichi" and untitled("Mme Ada Brenn") == "Mme Ada Brenn"
    assert key_variants("m.rachid hachichi") == ("rachid hachichi",)
    assert "brenn harbour" in key_variants("brenn harbour s.a.") and key_variants("harlow") == ()
    assert untitled("M. Dupont") == "M. Dupont"  # a title written apart is the extractor's to read


def test_a_report_of_the_next_day_ranks_before_one_of_the_year_before(fresh_library):
    fresh_library.add(
        [
            record("O1", "Kestrel Bank signed with Brenn Works, its chief Ada Brenn said.", published="2023-05-02"),
            record("O2", "Kestrel Bank signed with Brenn Works, its chief Ada Brenn said.", published="2024-05-30"),
        ]
    )
    c = check(fresh_library, "Kestrel Bank signed a deal with Brenn Works, said Ada Brenn.")["Brenn Works"]
    assert [m.source_id for m in c.matches] == ["O2", "O1"], [(m.source_id, m.score) for m in c.matches]


def test_timeliness_of_a_record():
    from checker.scoring import OLD_FACTOR, timeliness

    day = dt.date(2024, 5, 29)
    assert timeliness(day, day) == 1.0
    assert (
        timeliness(dt.date(2024, 5, 31), day)
        > timeliness(dt.date(2024, 6, 20), day)
        > timeliness(dt.date(2024, 9, 1), day)
    )
    assert timeliness(dt.date(2024, 5, 1), day) > timeliness(dt.date(2022, 5, 1), day) == OLD_FACTOR
    assert timeliness(None, day) < 1.0 and timeliness(day, None) == 1.0


# ---- a report of the day ---------------------------------------------------------------------------


def test_a_report_published_on_the_claims_day_dates_it(fresh_library):
    fresh_library.add(
        [
            record(
                "P1",
                "Orvane Motors opens its Lyon battery plant, chief executive Lena Brandt announced.",
                published="2024-05-26",
            ),
            record("P2", "Orvane Motors will build a Lyon battery plant, Lena Brandt said.", published="2024-05-01"),
        ]
    )
    text = "Orvane Motors opened its Lyon battery plant on Sunday, said its chief Lena Brandt."
    c = check(fresh_library, text)["Sunday"]
    assert c.suggestion == "supported" and c.matches[0].source_id == "P1", c.reason
    assert "published that day" in c.matches[0].note


def test_the_index_finds_the_records_of_a_day(fresh_library):
    from sources.index import Source

    fresh_library.add([record("P3", "Nothing dated here.", published="2024-05-26")])
    index = fresh_library.index
    day = dt.date(2024, 5, 26)
    assert index.counts([Source("published", day)], cap=10) == [1]
    (pk,) = index.fetch(Source("published", day), limit=5)
    assert index.having_many([Source("published", day)], [pk]) == {Source("published", day): {pk}}
    stmt, _col = index._postings(Source("published", day))
    sql = str(stmt.compile(index.engine, compile_kwargs={"literal_binds": True}))
    with index.engine.connect() as conn:
        plan = " ".join(str(r[3]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "ix_records_published" in plan, plan  # an index range, never a scan of the library


def test_a_figure_the_article_gives_elsewhere_does_not_contradict_another(fresh_library):
    fresh_library.add(
        [
            record(
                "H1",
                "Marta Ilves said the Kestrel Health plan for Harlow emergency wards is worth $500 million.",
                published="2024-05-27",
            ),
            record("H2", "Kestrel Health will spend $250 million, Marta Ilves said.", published="2024-05-20"),
        ]
    )
    text = (
        "Marta Ilves said Kestrel Health will spend $250 million on Harlow emergency wards, "
        "half of its $500 million plan."
    )
    checks = check(fresh_library, text)
    for claim, other in (("$250 million", "H1"), ("$500 million", "H2")):
        c = checks[claim]
        assert c.suggestion == "supported" and f"{other} gives" not in c.reason, c.reason
        assert all(m.agreement != "conflicts" for m in c.matches), [(m.source_id, m.agreement) for m in c.matches]


def test_a_quote_with_words_of_the_article_in_brackets_needs_a_look(fresh_library):
    fresh_library.add(
        [
            record(
                "B1",
                'Marta Ilves said: "The new library will welcome and teach the youth who will run this city tomorrow."',
            )
        ]
    )
    text = 'Marta Ilves said the library would "welcome and teach [the young] who will run this city tomorrow."'
    c = check(fresh_library, text)["welcome and teach [the young] who will run this city tomorrow."]
    assert c.matches and c.matches[0].quote_class == "partial" and "brackets" in c.matches[0].note
    assert c.suggestion == "needs_review", c.reason


def test_an_amount_only_given_rounder_needs_a_look(fresh_library):
    fresh_library.add([record("R1", "Kestrel Bank will pay $3 billion for Brenn Works, Ada Brenn said.")])
    c = check(fresh_library, "Kestrel Bank will pay $3.017 billion for Brenn Works, Ada Brenn said.")["$3.017 billion"]
    assert c.matches[0].agreement == "agrees" and "rounder" in c.matches[0].note
    assert c.suggestion == "needs_review", c.reason
    fresh_library.add([record("R2", "Kestrel Bank is paying $3.017 billion for Brenn Works.")])
    c = check(fresh_library, "Kestrel Bank will pay $3.017 billion for Brenn Works, Ada Brenn said.")["$3.017 billion"]
    assert c.suggestion == "supported" and "agrees with R2" in c.reason, c.reason


def test_a_record_written_long_after_does_not_date_a_day_by_its_year(fresh_library):
    fresh_library.add(
        [
            record(
                "Y2",
                "In 2024 the Harlow council and the Brenn Works union signed a wage deal.",
                published="2026-02-01",
            )
        ]
    )
    c = check(fresh_library, "The Harlow council and the Brenn Works union signed a wage deal on Monday.")["Monday"]
    assert c.suggestion != "supported", c.reason


# ---- a person under an everyday short form of their given name -------------------------------------


def test_a_short_given_name_meets_the_full_one():
    from checker.compare import name_agreement
    from checker.given_names import person_keys

    assert name_agreement("Mike Tarlow", "Michael Tarlow") == "agrees"
    assert name_agreement("William Orsk", "Bill Orsk") == "agrees"
    assert name_agreement("Mike Tarlow", "Mark Tarlow") == "unknown"
    assert person_keys("Bill Orsk") == ("b orsk", "w orsk")


def test_a_record_naming_the_full_given_name_supports_the_short_one(fresh_library):
    fresh_library.add(
        [
            record("N1", "Harlow Transit named William Quenby, a former engineer, as its new director."),
            record("N2", "Harlow Transit opened a depot; its director was not named."),
        ]
    )
    c = check(fresh_library, "Harlow Transit said its director, Bill Quenby, would retire next year.")["Bill Quenby"]
    assert [m.source_id for m in c.matches][:1] == ["N1"], c.reason
    assert c.suggestion == "supported", c.reason


# ---- a quote: the record the verdict cites is shown first ----------------------------------------


def test_the_record_holding_the_quote_word_for_word_ranks_first(fresh_library):
    words = "Every rider deserves a bus that comes on time and a driver who knows the road."
    fresh_library.add(
        [
            record(
                "Q1",
                "Harlow Transit chief Ada Brenn spoke at the depot opening on Monday in Harlow. "
                "Harlow Transit will add forty buses to the Harlow network, Ada Brenn said. "
                '"Every rider deserves a bus that comes on time and a driver that knows the road," Ada Brenn said.',
            ),
            record("Q2", f'Ada Brenn, of Harlow Transit, told reporters: "{words}"'),
        ]
    )
    text = f'Harlow Transit will add forty buses to its Harlow network. "{words}" said Ada Brenn.'
    c = check(fresh_library, text)[words]
    assert c.matches[0].source_id == "Q2" and c.matches[0].quote_class == "verbatim", [
        (m.source_id, m.quote_class, m.score) for m in c.matches
    ]
    assert c.suggestion == "supported", c.reason


def test_the_issuers_own_statement_ranks_before_a_wire_story(fresh_library):
    same = "The Central Bank of Arland cut its rate and said the economy was weak."
    fresh_library.add(
        [
            record("A1", same, publisher="Arland Wire"),
            record("B1", same, publisher="Central Bank of Arland (media release)"),
        ]
    )
    c = check(fresh_library, "The Central Bank of Arland cut its rate. The bank said the economy was “weak”.")["weak"]
    assert [m.source_id for m in c.matches] == ["B1", "A1"], [(m.source_id, m.score) for m in c.matches]


# ---- one organisation, named in each language ----------------------------------------------------


def test_a_french_name_finds_the_english_record_of_the_same_organisation(fresh_library):
    fresh_library.add(
        [
            record(
                "W1",
                "The World Bank approved a $45 million grant to Velmora for its rural roads on Tuesday.",
                language="en",
            ),
        ]
    )
    checks = check(
        fresh_library,
        "La Banque mondiale a approuvé un don de 45 millions de dollars à Velmora pour ses routes rurales.",
        language="fr",
    )
    bank = checks["Banque mondiale"]
    assert bank.claim.value.canonical == "Banque mondiale"  # what a French editor writes in the table
    assert [m.source_id for m in bank.matches][:1] == ["W1"]
    assert bank.suggestion == "supported"


def test_the_shared_key_of_a_french_name_is_its_english_one():
    from claims.lexicon import name_key

    assert name_key("Fonds monétaire international") == name_key("International Monetary Fund")
    assert name_key("Banque mondiale") == "world bank"
    assert name_key("Velmora Holdings") == "velmora holdings"


def test_a_name_opened_by_its_country_finds_the_adjective_form(fresh_library):
    fresh_library.add(
        [record("P1", "Aru Tanaka, a member of the Velmorian Democratic Union of Farmers, was elected on Sunday.")]
    )
    checks = check(fresh_library, "The Velmoria Democratic Union of Farmers chose Aru Tanaka as its leader.")
    union = checks["Velmoria Democratic Union of Farmers"]
    assert [m.source_id for m in union.matches][:1] == ["P1"]
    assert union.suggestion == "supported"


def test_a_record_giving_a_bound_the_figure_keeps_supports_it(fresh_library):
    fresh_library.add([record("B1", "Le groupe Velmora versera plus de 3 milliards d’euros à l’État.", language="fr")])
    checks = check(fresh_library, "Le groupe Velmora versera 3,2 milliards d’euros à l’État.", language="fr")
    amount = checks["3,2 milliards d’euros"]
    assert [m.source_id for m in amount.matches][:1] == ["B1"]
    assert amount.suggestion == "supported"


# ---- a figure written shorter: rounded or cut at its last digit (checker/rounding.py) ----------------


def test_a_record_cutting_the_articles_exact_figure_supports_it(fresh_library):
    fresh_library.add(
        [
            record(
                "T1",
                "The Harlow Bay council approved a supplementary budget of EC$27.6 million, of which "
                "EC$19.4 million is for roads.",
            )
        ]
    )
    text = "The Harlow Bay council approved a supplementary budget of EC$27,689,410 on Tuesday."
    c = check(fresh_library, text)["EC$27,689,410"]
    assert c.matches[0].source_id == "T1" and c.matches[0].agreement == "agrees", c.matches
    assert c.suggestion == "supported", c.reason


def test_the_article_cutting_the_records_exact_figure_is_supported(fresh_library):
    fresh_library.add(
        [record("T2", "The Harlow Bay council passed the Harlow Bay budget of $1,468,307,215 for the coming year.")]
    )
    c = check(fresh_library, "The Harlow Bay council passed a $1.46 billion budget for the coming year.")[
        "$1.46 billion"
    ]
    assert c.matches[0].source_id == "T2" and c.matches[0].agreement == "agrees", c.matches
    assert c.suggestion == "supported", c.reason


def test_a_record_giving_two_digits_of_the_articles_figure_needs_review(fresh_library):
    fresh_library.add([record("T3", "The Harlow Bay council fined Corvell Marine 17 million euros for the spill.")])
    c = check(fresh_library, "The Harlow Bay council fined Corvell Marine 17.8 million euros for the spill.")[
        "17.8 million euros"
    ]
    assert c.matches[0].agreement == "agrees", c.matches
    assert c.suggestion == "needs_review", c.reason


def test_a_single_digit_is_not_a_shortened_figure():
    from checker.rounding import shortened

    assert not shortened((4e9, 3.95e9, 4.05e9), (4.9e9, 4.895e9, 4.905e9))
    assert not shortened((1.16e9, 1.1595e9, 1.1605e9), (1.17e9, 1.1695e9, 1.1705e9))  # the same precision
    assert shortened((15.5e6, 15.495e6, 15.505e6), (15_559_402, 15_559_401.95, 15_559_402.05))


def test_the_articles_own_period_is_closer_than_a_finer_one_inside_it():
    from checker.scoring import date_precision_closeness
    from claims import DateValue

    year = DateValue("2023", "year", dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    same = date_precision_closeness(year, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    half = date_precision_closeness(year, dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    day = date_precision_closeness(year, dt.date(2023, 5, 4), dt.date(2023, 5, 4))
    decade = date_precision_closeness(year, dt.date(2020, 1, 1), dt.date(2029, 12, 31))
    assert same == day > half > decade  # a day inside is the event's date, a half-year only a part


def test_a_year_says_less_of_a_month_than_its_quarter():
    from checker.scoring import date_precision_closeness
    from claims import DateValue

    july = DateValue("2016-07", "month", dt.date(2016, 7, 1), dt.date(2016, 7, 31))
    quarter = date_precision_closeness(july, dt.date(2016, 7, 1), dt.date(2016, 9, 30))
    year = date_precision_closeness(july, dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    assert date_precision_closeness(july, dt.date(2016, 7, 11), dt.date(2016, 7, 11)) == 1.0
    assert quarter > year  # "2016" in a record says little of the article's "July 2016"


def test_a_record_writing_the_day_ranks_before_one_giving_its_weekday(fresh_library):
    fresh_library.add(
        [
            record("A1", "Tarvos Hotels signed the deal with Meridel Capital on Friday.", published="2024-05-25"),
            record(
                "Z2", "Tarvos Hotels signed the deal with Meridel Capital on Friday 24 May.", published="2024-05-25"
            ),
            record("A3", "Tarvos Hotels and Meridel Capital: the deal is signed.", published="2024-05-24"),
        ]
    )
    c = check(fresh_library, "Tarvos Hotels signed the deal with Meridel Capital on Friday.")["Friday"]
    ranked = [(m.source_id, m.score, m.source_value) for m in c.matches]
    assert [r[0] for r in ranked] == ["Z2", "A1", "A3"], ranked  # the day written, its weekday, nothing


def test_a_record_in_another_language_giving_a_figure_of_four_digits_is_on_the_subject(fresh_library):
    fresh_library.add([record("K1", "Earnings per share rose to DKK 18.47 for the full year.")])
    text = "Le bénéfice par action a progressé à 18,47 couronnes danoises sur l'exercice."
    c = check(fresh_library, text, language="fr")["18,47 couronnes danoises"]
    assert [m.source_id for m in c.matches] == ["K1"] and c.matches[0].agreement == "agrees", c.matches
    assert c.suggestion == "supported", c.reason


def test_the_release_of_the_company_the_sentence_names_ranks_first_for_its_figure(fresh_library):
    text = "Velmont Ltd. will pay $41 million to its former suppliers, the court heard."
    fresh_library.add(
        [
            record("A1", text, publisher="Harbour Wire"),
            record("Z1", text, publisher="Velmont Limited (press release)"),
        ]
    )
    c = check(fresh_library, text)["$41 million"]
    assert [m.source_id for m in c.matches][:1] == ["Z1"], [(m.source_id, m.score) for m in c.matches]


def test_a_close_figure_in_a_record_about_the_subject_needs_a_look(fresh_library):
    fresh_library.add(
        [
            record(
                "C1",
                "Under the settlement of the Belmar port case, the town expects 983 million euros in all, its mayor said.",
            )
        ]
    )
    text = (
        "Orvane Motors will pay the town of Belmar 984 million euros to settle the Belmar port case, the carmaker said."
    )
    c = check(fresh_library, text)["984 million euros"]
    assert [(m.source_id, m.agreement) for m in c.matches] == [("C1", "unknown")], c.matches
    assert c.suggestion == "needs_review" and "983 million euros" in c.reason, c.reason


def test_the_record_giving_the_day_is_found_when_its_year_is_in_most_records(fresh_library):
    # A year holds the day, and most records of a library give one: the day itself is looked up first.
    filler = [
        record(f"F{i}", f"The Harbour Trust number {i} filed its accounts for 2023 after audit round {i * 7}.")
        for i in range(600)
    ]
    day = record(
        "R1",
        "Lawmakers of the Riksmote of Arlania settle the spending plan on Thursday, December 7.",
        published="2023-11-09",
    )
    fresh_library.add([day, *filler])  # the oldest in the library: no "newest first" read reaches it
    text = (
        "Anna Vell, Piet Moro and Ilse Karn spoke for hours in parliament. "
        "The parliament will take the final vote on December 7."
    )
    c = check(fresh_library, text, published=dt.date(2023, 11, 17))["December 7"]
    assert [m.source_id for m in c.matches][:1] == ["R1"], [(m.source_id, m.agreement) for m in c.matches][:3]
