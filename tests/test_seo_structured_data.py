"""The thread page's one JSON-LD block: QAPage or DiscussionForumPosting, never for a
post the public cannot see, with every property Google requires."""

from forum.complaints import services
from forum.complaints.models import Answer
from forum.extensions import db
from forum.moderation import services as moderation
from forum.seo.structured_data import missing_properties
from tests.conftest import fresh, set_settings
from tests.seo_helpers import accept, merge, read, remove, remove_answer, staff_user
from tests.test_seo_pages import SITE, thread_path


def jsonld_of(client, complaint, **params):
    page = read(client.get(thread_path(complaint, **params)))
    assert len(page.jsonld) == 1, page.jsonld
    data = page.jsonld[0]
    assert data["@context"] == "https://schema.org"
    assert missing_properties(data) == []
    return data


def test_an_answered_thread_is_a_qapage_with_accepted_and_suggested_answers(
    app, client, make_user, make_complaint, make_answer
):
    author = make_user("alice")
    staff = make_user("nina", role="staff")
    complaint = make_complaint(author=author, title="Washer drum squeaks loudly")
    staff_answer = make_answer(complaint, author=staff, body="Send us the serial number please.")
    solution = make_answer(complaint, body="Tighten the drum bearing bolt, it fixed mine.")
    accept(app, author, solution)

    data = jsonld_of(client, complaint)
    assert data["@type"] == "QAPage"
    question = data["mainEntity"]
    assert question["@type"] == "Question"
    assert question["name"] == "Washer drum squeaks loudly"
    assert question["text"].startswith("Bought a fridge on 3 March")
    assert question["answerCount"] == 2
    assert question["upvoteCount"] == 0
    assert question["datePublished"].endswith("+00:00")
    assert question["dateModified"] >= question["datePublished"]
    assert question["author"] == {
        "@type": "Person",
        "name": "alice",
        "url": SITE + "/members/alice",
    }
    assert question["url"] == SITE + thread_path(complaint)
    assert question["inLanguage"] == "en"

    accepted = question["acceptedAnswer"]
    assert accepted["@type"] == "Answer"
    assert accepted["text"] == "Tighten the drum bearing bolt, it fixed mine."
    assert accepted["url"] == SITE + thread_path(complaint) + f"#answer-{solution.id}"
    assert accepted["author"]["@type"] == "Person"
    assert {"datePublished", "upvoteCount"} <= accepted.keys()

    (suggested,) = question["suggestedAnswer"]
    assert suggested["text"] == "Send us the serial number please."
    assert suggested["author"] == {"@type": "Organization", "name": "Redress", "url": SITE + "/"}
    assert suggested["url"].endswith(f"#answer-{staff_answer.id}")
    assert {"datePublished", "upvoteCount"} <= suggested.keys()


def test_the_company_name_setting_names_staff_and_the_publisher(
    app, client, make_user, make_complaint, make_answer
):
    set_settings(app, company_name="Brightwell")
    complaint = make_complaint()
    make_answer(complaint, author=make_user(role="staff"), body="We are on it.")
    data = jsonld_of(client, complaint)
    answer = data["mainEntity"]["suggestedAnswer"][0]
    assert answer["author"]["name"] == "Brightwell"
    assert data["publisher"] == {"@type": "Organization", "name": "Brightwell", "url": SITE + "/"}


def test_the_organization_name_configured_is_the_company_names_default(
    app, client, make_user, make_complaint, make_answer
):
    app.config["ORGANIZATION_NAME"] = "Brightwell Ltd"
    complaint = make_complaint()
    make_answer(complaint, author=make_user(role="staff"), body="We are on it.")
    answer = jsonld_of(client, complaint)["mainEntity"]["suggestedAnswer"][0]
    assert answer["author"]["name"] == "Brightwell Ltd"


def test_a_thread_without_answers_is_a_discussion_forum_posting(client, make_complaint):
    complaint = make_complaint(title="Coffee machine leaks water")
    data = jsonld_of(client, complaint)
    assert data["@type"] == "DiscussionForumPosting"
    assert data["headline"] == "Coffee machine leaks water"
    assert data["text"].startswith("Bought a fridge")
    assert data["url"] == SITE + thread_path(complaint)
    assert data["author"]["name"] and data["author"]["url"]
    assert data["datePublished"]
    assert data["interactionStatistic"]["userInteractionCount"] == 0


def test_hidden_answers_are_never_marked_up(app, client, make_user, make_complaint, make_answer):
    admin = staff_user(make_user)
    complaint = make_complaint()
    visible = make_answer(complaint, body="A visible and helpful answer.")
    hidden = make_answer(complaint, body="Buy cheap watches at spam.example")
    remove_answer(app, admin, hidden)
    data = jsonld_of(client, complaint)
    texts = [a["text"] for a in data["mainEntity"]["suggestedAnswer"]]
    assert texts == ["A visible and helpful answer."]
    assert data["mainEntity"]["answerCount"] == 1
    assert str(visible.id) in data["mainEntity"]["suggestedAnswer"][0]["url"]

    # With its only answer hidden the thread is a plain posting again.
    remove_answer(app, admin, visible)
    assert jsonld_of(client, complaint)["@type"] == "DiscussionForumPosting"


def test_hidden_deleted_and_merged_threads_carry_no_structured_data(
    app, client, auth, make_user, make_complaint
):
    admin = staff_user(make_user)
    hidden, deleted, merged, target = (
        make_complaint(title=f"Thread number {n} here") for n in range(4)
    )
    remove(app, admin, hidden, "hide", "spam")
    remove(app, admin, deleted, "delete", "spam")
    merge(app, admin, merged, target)

    for complaint, status in ((hidden, 404), (deleted, 410)):
        response = client.get(thread_path(complaint))
        assert response.status_code == status
        assert read(response).jsonld == [] and read(response).noindex
    response = client.get(thread_path(merged))
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"{thread_path(target)}#complaint-{merged.id}")

    auth.login(admin.username)  # staff see the hidden thread, still without markup
    response = client.get(thread_path(hidden))
    assert response.status_code == 200 and read(response).jsonld == []


def test_the_accepted_answer_on_another_page_links_to_that_page(
    app, client, make_user, make_complaint, make_answer
):
    app.config["ANSWERS_PAGE_SIZE"] = 2
    author = make_user()
    complaint = make_complaint(author=author)
    answers = [make_answer(complaint, body=f"Answer number {n}") for n in range(3)]
    accept(app, author, answers[2])
    question = jsonld_of(client, complaint)["mainEntity"]
    assert question["acceptedAnswer"]["url"] == (
        SITE + thread_path(complaint, page=2) + f"#answer-{answers[2].id}"
    )
    assert [a["text"] for a in question["suggestedAnswer"]] == [
        "Answer number 0",
        "Answer number 1",
    ]
    page_two = jsonld_of(client, complaint, page=2)["mainEntity"]
    assert "suggestedAnswer" not in page_two  # its only answer is the accepted one


def test_user_text_cannot_break_out_of_the_json_ld_block(client, make_complaint):
    title = "</script><script>alert(1)</script> & 'quotes'"
    complaint = make_complaint(title=title, body="Body with </script> and <!-- too, long enough.")
    html = client.get(thread_path(complaint)).get_data(as_text=True)
    block = html[html.index('<script type="application/ld+json">') :]
    block = block[len('<script type="application/ld+json">') : block.index("</script>")]
    assert "<" not in block
    assert jsonld_of(client, complaint)["headline"] == title


def test_missing_properties_reports_what_google_requires():
    assert missing_properties({"@type": "QAPage", "mainEntity": {"@type": "Question"}}) == [
        "Question.name",
        "Question.answerCount",
        "Question.acceptedAnswer|suggestedAnswer",
    ]
    posting = {"@type": "DiscussionForumPosting", "author": {"@type": "Person"}}
    assert missing_properties(posting) == [
        "DiscussionForumPosting.datePublished",
        "DiscussionForumPosting.text",
        "DiscussionForumPosting.author.name",
    ]
    answer = {"@type": "Answer", "author": {"name": "x"}}
    question = {"@type": "Question", "name": "q", "answerCount": 1, "suggestedAnswer": [answer]}
    assert missing_properties({"@type": "QAPage", "mainEntity": question}) == ["Answer.text"]


def test_an_answer_has_date_modified_only_once_edited(
    app, client, make_user, make_complaint, make_answer
):
    complaint = make_complaint()
    member = make_user("marta")
    edited = make_answer(complaint, author=member, body="Reset it at the fuse box.")
    moderated = make_answer(complaint, body="Call them on 555 0199 and ask for Bo.")
    unedited = make_answer(complaint, body="Mine did the same thing last year.")
    with app.app_context():
        services.edit_answer(fresh(member), fresh(edited), "Reset it at the fuse box, then wait.")
        moderation.redact(
            fresh(staff_user(make_user)), "answer", moderated.id, "Call them and ask for Bo."
        )

    answers = {
        a["url"].rsplit("#answer-", 1)[1]: a
        for a in jsonld_of(client, complaint)["mainEntity"]["suggestedAnswer"]
    }
    assert "dateModified" not in answers[str(unedited.id)]
    with app.app_context():
        for answer in (edited, moderated):
            stored = db.session.get(Answer, answer.id)
            data = answers[str(answer.id)]
            assert data["dateModified"] == stored.edited_at.isoformat(timespec="seconds")
            assert data["dateModified"] >= data["datePublished"]
