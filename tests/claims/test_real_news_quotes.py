"""Speakers of quotes in published news (issue 10), on sentences of our own.

Each test keeps a general rule that came out of reading real articles' failures.
"""

from __future__ import annotations

import datetime as dt

from claims import extract

WED = dt.date(2024, 5, 29)


def quotes(text: str, language: str) -> list[tuple[str, str | None]]:
    out = []
    for c in extract(text, language=language, published=WED).claims:
        if c.type == "quote":
            assert text[c.start : c.end] == c.text
            out.append((c.value.text, c.value.speaker))
    return out


def test_a_short_fragment_is_said_by_the_speaker_later_in_its_paragraph():
    text = (
        "La saison du théâtre de Vevey s'achève. Le coût des décors reste « élevé » cette année. "
        "« Nous avons rempli la salle tous les soirs », a noté Hélène Dufaux."
    )
    assert quotes(text, "fr") == [
        ("élevé", "Hélène Dufaux"),
        ("Nous avons rempli la salle tous les soirs", "Hélène Dufaux"),
    ]
    # with nobody speaking after it in its paragraph, a word in quote marks stays a term
    assert quotes("La partie « recettes » du budget baisse.", "fr") == [("recettes", None)]


def test_a_pronoun_subject_before_the_verb_leaves_the_names_after_it_aside():
    text = (
        "Le groupe Fromentin vend ses usines. Fromentin a reçu deux offres, dont une de Duval Industries.\n\n"
        "Le groupe indique que « le marché reste difficile », il juge que « l'offre » faite par Duval Industries "
        "« est la plus solide »."
    )
    assert quotes(text, "fr")[0] == ("le marché reste difficile", "Fromentin")


def test_a_pronoun_after_a_quote_reaches_two_paragraphs_back():
    text = (
        "« Je reviendrai chaque semaine », a lancé le commerçant Paul Verdier devant l'hôtel de ville.\n\n"
        "En entrevue, M. Verdier a dit qu'il ne croit plus aux promesses de l'administration Lemieux.\n\n"
        "« Ils ne savent pas tenir un budget », a-t-il ajouté."
    )
    assert quotes(text, "fr")[-1] == ("Ils ne savent pas tenir un budget", "Paul Verdier")


def test_a_role_with_its_brief_stands_for_the_person_named_after_it():
    text = (
        "Le Premier ministre Marc Delvaux et la ministre de l'Énergie, Anne Coppens, ont signé l'accord.\n\n"
        "« C'est un bon accord », a affirmé M. Delvaux. « Le marché a changé », a ajouté la ministre écologiste."
    )
    assert quotes(text, "fr") == [("C'est un bon accord", "Marc Delvaux"), ("Le marché a changé", "Anne Coppens")]


def test_an_organisation_that_adds_to_its_quote_is_the_one_quoted_last():
    text = (
        "Sud-Rail appelle à la grève. Sud-Rail dénonce « aucune avancée ». Sud-Rail réclame une prime.\n\n"
        "« Nous restons ouverts au dialogue », a réagi la direction de Ferrovia. "
        "« Nous suivons chaque préavis de près », a ajouté la compagnie."
    )
    assert quotes(text, "fr")[-1] == ("Nous suivons chaque préavis de près", "Ferrovia")


def test_an_attribution_written_as_a_sentence_of_its_own():
    text = (
        'The league fined four clubs on Friday.\n\n"Our focus is the safety of the community. '
        'We know it is a privilege to play." Mr Okafor said.\n\n'
        '"This was avoidable," Ald. Jane Whitfield said of the settlement.'
    )
    assert [s for _t, s in quotes(text, "en")] == ["Okafor", "Jane Whitfield"]


def test_the_person_right_before_the_speech_verb_is_its_subject():
    text = (
        "Judge Alan Pryce sentenced Tom Garvey on Monday. Garvey stood quietly in the dock as the judge told him: "
        "“You let the public down.”\n\nRuth Adeyemi, for Mr Garvey, said her client was “deeply sorry”."
    )
    assert quotes(text, "en") == [("You let the public down.", "Alan Pryce"), ("deeply sorry", "Ruth Adeyemi")]


def test_a_closing_mark_used_to_open_and_an_attribution_inside_the_marks():
    text = (
        "”Nous n’avons pas tenu l’objectif, nous confirme Lucas Verbeke. Le déficit baisse d’un quart.” "
        "Il reste prudent.\n\nLes subsides sont réduits. ” Des travaux seront reportés”, reprend Lucas Verbeke."
    )
    assert quotes(text, "fr") == [
        (
            "Nous n’avons pas tenu l’objectif, nous confirme Lucas Verbeke. Le déficit baisse d’un quart.",
            "Lucas Verbeke",
        ),
        ("Des travaux seront reportés", "Lucas Verbeke"),
    ]
    # a lone closing mark after a word closes nothing and opens nothing
    assert quotes("Le mot”Paix est resté.", "fr") == []


def test_an_organisation_named_by_what_it_is_prefers_the_one_whose_name_says_it():
    text = (
        "Harbour City FC, Northgate United and Westmere Rovers agreed to pay the fines. Harbour City FC and "
        "Northgate United had joined the breakaway. The Premier League had opened an inquiry.\n\n"
        '"The inquiry is now closed," the league said.'
    )
    assert quotes(text, "en") == [("The inquiry is now closed,", "Premier League")]


def test_a_role_in_apposition_after_the_name_stands_for_the_person_later():
    text = "Sarah Cole, the chief executive, spoke on Monday.\n\nThe chief executive said the year was “hard but fair”."
    assert quotes(text, "en") == [("hard but fair", "Sarah Cole")]
    text = (
        "Mathieu Vernier, directeur du salon, dresse le bilan.\n\n"
        "Le directeur juge l'édition « bien tenue » malgré la pluie."
    )
    assert quotes(text, "fr") == [("bien tenue", "Mathieu Vernier")]


def test_a_pronoun_points_to_who_spoke_in_indirect_speech_not_to_the_last_name():
    text = (
        "Minister Judith Carver said the claims made by union leader Tom Baker were wrong. "
        "“It is simply untrue,” she said."
    )
    assert quotes(text, "en") == [("It is simply untrue,", "Judith Carver")]
    text = "Le maire Paul Lenoir a affirmé que le projet de Jean Dufresne coûtait trop cher. « Nous ne le financerons pas », a-t-il ajouté."
    assert quotes(text, "fr") == [("Nous ne le financerons pas", "Paul Lenoir")]


def test_a_joint_statement_goes_on_when_its_speakers_are_not_named_again():
    text = (
        "La SNCF, Keolis et Transdev constatent « que la grève est maintenue ». "
        "Elles estiment que « le dialogue doit primer »."
    )
    got = extract(text, language="fr", published=WED).claims
    said = [(c.value.speaker, c.value.also) for c in got if c.type == "quote"]
    assert len(said) == 2 and said[0] == said[1] and len(said[1][1]) == 2
    # named alone, the first speaker speaks alone
    text = text.replace("Elles estiment", "La SNCF ajoute")
    got = extract(text, language="fr", published=WED).claims
    assert [c.value.also for c in got if c.type == "quote"][1] == ()


def test_a_quote_nobody_speaks_is_said_by_the_person_the_next_sentence_names():
    text = (
        "« Les missions passées ont beaucoup compté. Le pays a bâti une stratégie. Cela a pris du temps. »\n\n"
        "C'est en ces termes que s'est exprimé Édouard Garnier, chef de mission du Fonds, lundi à Dakar."
    )
    assert quotes(text, "fr")[0][1] == "Édouard Garnier"
    text = (
        "The regulator sued Northline Rail on Monday.\n\n"
        "“We all know how late trains hurt. Passengers must be told as soon as possible.”\n\n"
        "Regulator chair Helen Marsh said the operator had failed them."
    )
    assert quotes(text, "en")[0][1] == "Helen Marsh"
    # a next sentence that quotes someone itself speaks for its own quote only
    text = "« Les missions passées ont beaucoup compté. »\n\nÉdouard Garnier a répondu : « Nous verrons. »"
    assert quotes(text, "fr")[0][1] is None


def test_the_subject_before_the_verb_speaks_not_the_names_after_it():
    text = (
        "Northline Rail and Harbour Trust met on Monday.\n\n"
        "The trust said the offer from Northline Rail was “not good enough”."
    )
    assert quotes(text, "en") == [("not good enough", "Harbour Trust")]
    text = (
        "Judge Ann Kerr heard the case. “You must answer for this,” she said.\n\n"
        "She then told Tom Reed: “You spent money that was not yours.”"
    )
    assert quotes(text, "en")[-1] == ("You spent money that was not yours.", "Ann Kerr")


def test_a_name_with_a_possessive_is_what_the_quote_speaks_of():
    text = (
        "The town went bankrupt in 2013. Critics said former mayor Tom Reedley's "
        "“careless administration made it worse”."
    )
    assert quotes(text, "en") == [("careless administration made it worse", None)]


def test_a_start_up_named_by_what_it_is_is_the_organisation_of_the_article():
    text = (
        "La société Verdane Robotics lève 60 millions d'euros.\n\n"
        "La start-up explique vouloir « doubler ses équipes d'ici un an »."
    )
    assert quotes(text, "fr")[0][1] == "Verdane Robotics"


def test_an_inverted_pronoun_speaks_not_the_names_of_the_clause_after_it():
    text = (
        "Dans l'opposition, Claire Vautrin a voté contre. « C'est un pari risqué », a-t-elle lancé, "
        "rappelant que le chantier du stade Marcel-Gaudin avait coûté le double."
    )
    assert quotes(text, "fr") == [("C'est un pari risqué", "Claire Vautrin")]


def test_verbs_of_defence_and_reproach_attribute_a_quote():
    text = "« Nous avons fait une offre sérieuse », a défendu mardi Thierry Bellanger, directeur régional."
    assert quotes(text, "fr") == [("Nous avons fait une offre sérieuse", "Thierry Bellanger")]
    text = (
        "Le maire Paul Lenoir était absent. Sa rivale Anne Roussel lui reproche de vouloir « créer un nouvel impôt »."
    )
    assert quotes(text, "fr") == [("créer un nouvel impôt", "Anne Roussel")]


def test_quotes_run_past_a_caption_line():
    text = (
        "“We have done a lot for the town,” said council leader Jane Holt.\n\n"
        "Jane Holt at the launch on Monday\n\n"
        "“And we will do more next year.”"
    )
    assert quotes(text, "en")[-1] == ("And we will do more next year.", "Jane Holt")
    # a quote left open before the caption goes on in the paragraph after it
    text = (
        "Le maire Paul Lenoir a pris la parole : « Nous avons beaucoup fait pour la ville.\n\n"
        "Le maire lundi à la mairie\n\n"
        "« Et nous ferons plus l'an prochain. »"
    )
    assert quotes(text, "fr") == [
        ("Nous avons beaucoup fait pour la ville.", "Paul Lenoir"),
        ("Et nous ferons plus l'an prochain.", "Paul Lenoir"),
    ]
    # a sentence between them is no caption: the open quote is dropped as before
    text = text.replace("Le maire lundi à la mairie", "Le maire a ensuite quitté la salle.")
    assert [t for t, _ in quotes(text, "fr")] == ["Et nous ferons plus l'an prochain."]


def test_according_to_an_organisation_named_by_what_it_is():
    text = "Harbour Trust and Northline Rail signed the deal. According to the trust, the plan is “good for the town”."
    assert quotes(text, "en") == [("good for the town", "Harbour Trust")]
    text = "Harbour Trust and Northline Rail signed the deal. The plan is “good for the town”, according to the trust."
    assert quotes(text, "en") == [("good for the town", "Harbour Trust")]
    text = "La SNCF et le groupe Keolis ont signé l'accord. Selon le groupe, le plan est « bon pour la ville »."
    assert quotes(text, "fr") == [("bon pour la ville", "Keolis")]


def test_the_one_person_quoted_so_far_speaks_the_quotes_nobody_else_claims():
    text = (
        "Mathieu Vernier, qui dirige le salon depuis dix ans, dresse le bilan : « Nous avons tout vendu », "
        "a-t-il déclaré.\n\n"
        "La fréquentation a progressé. « Artistiquement, il y a eu de très belles choses. »"
    )
    assert quotes(text, "fr")[-1] == ("Artistiquement, il y a eu de très belles choses.", "Mathieu Vernier")
    # once two people have been quoted, a quote nobody claims stays without a speaker
    text = (
        "« Nous avons tout vendu », a déclaré Mathieu Vernier. « Le public a suivi », a ajouté Claire Vautrin.\n\n"
        "La fréquentation a progressé. « Artistiquement, il y a eu de très belles choses. »"
    )
    assert quotes(text, "fr")[-1] == ("Artistiquement, il y a eu de très belles choses.", None)


def test_a_joint_statement_after_a_marker_or_with_a_second_verb():
    def said(text: str) -> set[str]:
        got = [c.value for c in extract(text, language="fr", published=WED).claims if c.type == "quote"]
        return {got[0].speaker, *got[0].also} if got and got[0].speaker else set()

    assert (
        len(said("La grève approche. Selon la SNCF, Keolis et Transdev, il est dommage « que la grève tienne ».")) == 3
    )
    text = "La grève approche. Dans un communiqué, la SNCF, Keolis et Transdev déclarent regretter « que la grève tienne »."
    assert len(said(text)) == 3
    # a list that is not right after the marker is no joint statement
    assert len(said("Selon la direction, la SNCF, Keolis et Transdev ont « perdu des clients ».")) <= 1
    # each name with its form of address: "Dr Marsh and Dr Tandon said"
    text = "Dr Rob Marsh and Dr Vivek Tandon lead the committee. Dr Marsh and Dr Tandon said: 'We have tried to negotiate.'"
    got = [c.value for c in extract(text, language="en", published=WED).claims if c.type == "quote"]
    assert {got[0].speaker, *got[0].also} == {"Rob Marsh", "Vivek Tandon"}
    # "both", "tous deux" between the list and its verb (data: [quotes] joint_words)
    text = "Architect Ruth Vance and engineer Omar Faris met the council. Vance and Faris both said it was “built to last.”"
    got = [c.value for c in extract(text, language="en", published=WED).claims if c.type == "quote"]
    assert {got[0].speaker, *got[0].also} == {"Ruth Vance", "Omar Faris"}
    text = "La ministre Hélène Roux et le maire Paul Garnier ont visité le chantier. Roux et Garnier ont tous deux affirmé que le pont serait « prêt en juin »."
    assert said(text) == {"Hélène Roux", "Paul Garnier"}


def test_according_to_a_pronoun_points_back_to_the_person():
    text = (
        "Le maire Christian Roussel défend son budget.\n\n"
        "Éric Lemarchand n'est pas d'accord. Selon lui, Christian Roussel a fait de la ville « la plus endettée de France »."
    )
    assert quotes(text, "fr") == [("la plus endettée de France", "Éric Lemarchand")]


def test_critics_quotes_are_theirs_not_the_mayors_they_attack():
    text = (
        "Pour l'opposante Claire Dumesnil, le budget « ne tient plus ». Les habitants paieront « de leur "
        "propre argent », prévient encore Bernard Lhuillier, élu du groupe centriste. C'était déjà arrivé "
        "en 2019, souligne-t-il, lorsque Marc Teyssier avait dû « vendre le stade municipal ». La facture "
        "aurait été « doublée » depuis l'arrivée de Marc Teyssier en 2014, affirme l'élue écologiste "
        "Sophie Barral. Le déficit serait intenable, à entendre Luc Morvan, adjoint aux finances : avec "
        "« 900 euros par foyer », la commune est « la plus pauvre du canton »."
    )
    assert quotes(text, "fr") == [
        ("ne tient plus", "Claire Dumesnil"),
        ("de leur propre argent", "Bernard Lhuillier"),
        ("vendre le stade municipal", "Bernard Lhuillier"),
        ("doublée", "Sophie Barral"),
        ("900 euros par foyer", "Luc Morvan"),
        ("la plus pauvre du canton", "Luc Morvan"),
    ]
    # a name after a preposition is a complement, not an inverted subject
    text = "Anne Prieur a visité la mairie. « Nous resterons ici », aux côtés de Luc Morvan au conseil."
    assert quotes(text, "fr") == [("Nous resterons ici", "Anne Prieur")]


def test_a_clause_after_a_dash_is_no_signature():
    text = (
        "The new councillor, Ruth Okafor, ran a short campaign.\n\n"
        "She kept urging residents to \u201cclear the old guard out of the town hall\u201d \u2013 though the majority "
        "Harold Pike built over a decade barely moved."
    )
    assert quotes(text, "en")[0][1] != "Harold Pike"


def test_a_paragraph_of_quote_alone_is_said_by_the_speaker_just_before():
    text = (
        "The water board raised its tariff on Monday.\n\n"
        "Board chair Lerato Mahlangu said the board read 900 letters from farmers and towns.\n\n"
        "Two public meetings were also held.\n\n"
        "\u201cWe read every letter and weighed them before we decided.\u201d\n\n"
        "The new tariff applies from June."
    )
    assert quotes(text, "en") == [("We read every letter and weighed them before we decided.", "Lerato Mahlangu")]
