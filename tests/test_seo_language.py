"""The language of a post, detected when it is written."""

import pytest

from forum.complaints import services
from forum.complaints.models import Answer, Complaint
from forum.demo import content
from forum.extensions import db
from forum.language import detect, detect_post
from tests.conftest import fresh


def test_every_demo_complaint_and_answer_is_detected_in_its_language():
    wrong = []
    total = 0
    for item in content.all_complaints():
        posts = [(item["title"], item["body"])] + [(a["body"],) for a in item.get("answers", [])]
        for parts in posts:
            total += 1
            if detect_post(*parts) != item["lang"]:
                wrong.append((item["key"], item["lang"], detect_post(*parts), parts[-1][:60]))
    assert total > 250
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The kettle stopped working after a week and the shop will not replace it.", "en"),
        (
            "Der Wasserkocher ist nach einer Woche kaputt und der Laden will ihn nicht tauschen.",
            "de",
        ),  # fmt: skip
        ("Vattenkokaren slutade fungera efter en vecka och butiken vill inte byta den.", "sv"),
        ("Grelnik je po enem tednu nehal delovati in trgovina ga noče zamenjati.", "sl"),
        ("A vízforraló egy hét után tönkrement, és a bolt nem akarja kicserélni.", "hu"),
        ("电水壶用了一周就坏了，商店不肯给我换。", "zh"),
    ],
)
def test_each_language_is_recognised(text, language):
    assert detect(text) == language


@pytest.mark.parametrize(
    "text",
    ["", "+1", "OK, thanks", "https://example.org/a/b", "12345 678", "やかんが壊れました。", None],
)
def test_texts_too_short_or_foreign_have_no_language(text):
    assert detect(text) is None


def test_markup_and_links_do_not_count_as_words():
    text = (
        "[Der Link](https://example.org/the-and-of) `the and of` ist nicht wichtig, aber der Rest"
    )
    assert detect(text) == "de"


def test_services_store_the_language_on_create_and_edit(app, make_user, make_category):
    author, helper = make_user(), make_user()
    category = make_category()
    with app.app_context():
        complaint = services.create_complaint(
            fresh(author),
            title="Der Wasserkocher ist kaputt",
            body="Der Wasserkocher ist nach einer Woche kaputt und der Laden tauscht ihn nicht.",
            category_id=category.id,
            desired_outcome="refund",
        )
        assert db.session.get(Complaint, complaint.id).language == "de"
        services.edit_complaint(
            fresh(author),
            fresh(complaint),
            title="Vattenkokaren är trasig",
            body="Vattenkokaren slutade fungera efter en vecka och butiken vill inte byta den.",
            category_id=category.id,
            desired_outcome="refund",
            rating=None,
            review=None,
            private_details=None,
        )
        assert db.session.get(Complaint, complaint.id).language == "sv"

        answer = services.post_answer(
            fresh(helper), fresh(complaint), "电水壶用了一周就坏了，商店不肯给我换。"
        )
        assert db.session.get(Answer, answer.id).language == "zh"
        services.edit_answer(fresh(helper), db.session.get(Answer, answer.id), "+1")
        assert db.session.get(Answer, answer.id).language is None
