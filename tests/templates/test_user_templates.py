"""Users' own templates: found in the config folder, checked before use, rendered in a sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from corpus.paths import user_templates_dir
from templates.checks import TemplateCheckError, check_template, template_variables
from templates.manifest import ManifestError, load_manifest, manifest_from_dict
from templates.registry import available_templates, get_template
from templates.render import DraftError, draft
from tests.templates.conftest import TODAY
from tests.templates.helpers import all_text


def write_template(path: Path, *paragraphs: list[str]) -> Path:
    """Each paragraph is a list of runs, so every tag sits in a run of its own."""
    doc = Document()
    for runs in paragraphs:
        p = doc.add_paragraph()
        for run in runs:
            p.add_run(run)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


@pytest.fixture
def user_dir() -> Path:
    folder = user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_user_template_is_listed_and_drafted(user_dir, call, profile, tmp_path):
    write_template(
        user_dir / "spendenbrief.docx",
        ["Spendenbrief von ", "{{r verbund_name }}", " zu ", "{{r aufruf_titel }}"],
        ["Betrag: ", "{{r spendenziel }}"],
    )
    (user_dir / "spendenbrief.toml").write_text(
        'title = "Spendenbrief"\n[[fields]]\nname = "spendenziel"\nlabel = "Spendenziel"\nrequired = true\n'
        'kind = "eur"\n',
        encoding="utf-8",
    )
    names = [i.name for i in available_templates()]
    assert names[-1] == "spendenbrief" and "projektantrag" in names
    info = get_template("spendenbrief")
    assert info.origin == "eigene" and info.problems == ()
    assert [f.name for f in info.user_fields] == ["spendenziel"]
    result = draft("spendenbrief", call, profile, {"spendenziel": "2.500"}, tmp_path / "s.docx", today=TODAY)
    assert result.gaps == []
    text = all_text(tmp_path / "s.docx")
    assert "Spendenbrief von VMDO" in text and "Betrag: 2.500,00 €" in text


def test_check_names_every_unprovided_variable(user_dir, call, profile, tmp_path):
    write_template(
        user_dir / "brief.docx",
        ["{{r verbund_name }}", " ", "{{r unbekannt_eins }}"],
        ["{%p if zweites_raetsel %}"],
        ["x"],
        ["{%p endif %}"],
    )
    info = get_template("brief")
    assert info.problems and "unbekannt_eins" in info.problems[0] and "zweites_raetsel" in info.problems[0]
    assert "verbund_name" not in info.problems[0]
    with pytest.raises(DraftError, match="unbekannt_eins, zweites_raetsel"):
        draft("brief", call, profile, {}, tmp_path / "b.docx", today=TODAY)
    assert not (tmp_path / "b.docx").exists()


def test_check_result_lists_unused_manifest_fields(tmp_path):
    path = write_template(tmp_path / "t.docx", ["{{r verbund_name }}", "{{r eigenes }}"])
    manifest = manifest_from_dict(
        {
            "title": "T",
            "fields": [{"name": "eigenes", "label": "Eigenes"}, {"name": "ungenutzt", "label": "Ungenutzt"}],
        },
        "t.toml",
    )
    result = check_template(path, manifest)
    assert result.ok and result.unprovided == [] and result.unused_fields == ["ungenutzt"]
    assert not check_template(path, manifest_from_dict({"title": "T"}, "t.toml")).ok


def test_user_template_may_replace_a_bundled_one(user_dir, call, profile, tmp_path):
    write_template(user_dir / "absichtserklaerung.docx", ["Unsere eigene Fassung für ", "{{r verbund_name }}"])
    info = get_template("absichtserklaerung")
    assert info.origin == "eigene" and info.title_de == "Absichtserklaerung"
    draft("absichtserklaerung", call, profile, {}, tmp_path / "a.docx", today=TODAY)
    assert "Unsere eigene Fassung für VMDO" in all_text(tmp_path / "a.docx")


@pytest.mark.parametrize(
    "tag",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ verbund_name.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ range(10**9)|list }}",
        "{{ 1 / 0 }}",
    ],
)
def test_sandbox_blocks_attribute_escapes(tag, user_dir, call, profile, tmp_path):
    write_template(user_dir / "boese.docx", ["{{r verbund_name }}"], [tag])
    with pytest.raises(DraftError, match="boese"):
        draft("boese", call, profile, {}, tmp_path / "b.docx", today=TODAY)


def test_broken_jinja_is_a_german_check_error(tmp_path):
    path = write_template(tmp_path / "kaputt.docx", ["{{r verbund_name "], ["{% if %}"])
    with pytest.raises(TemplateCheckError, match="fehlerhaften Platzhalter"):
        template_variables(path)


def test_not_a_docx(user_dir):
    (user_dir / "text.docx").write_text("kein Word", encoding="utf-8")
    info = get_template("text")
    assert info.problems and "keine Word-Datei" in info.problems[0]


@pytest.mark.parametrize(
    "toml_text, message",
    [
        ('title = "T"\n[[fields]]\nname = "x"\nlabel = "X"\nkind = "zahl"\n', "kind 'zahl' ist unbekannt"),
        ('title = "T"\n[[fields]]\nname = "verbund_name"\nlabel = "X"\n', "wird schon aus Profil oder Aufruf gefüllt"),
        ('[[fields]]\nname = "x"\nlabel = "X"\n', "title"),
        ('title = "T"\ngroups = ["gibtsnicht"]\n', "groups"),
        ('title = "T"\n[[fields]]\nname = "x"\n', "label"),
        ('title = "T"\n[[fields]]\nname = "x"\nlabel = "X"\n[[fields]]\nname = "x"\nlabel = "Y"\n', "doppelt"),
        ("title = ", "kein gültiges TOML"),
    ],
)
def test_bad_manifests_are_named(toml_text, message, tmp_path):
    path = tmp_path / "m.toml"
    path.write_text(toml_text, encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        load_manifest(path)


def test_bad_manifest_makes_the_template_unusable_not_the_list(user_dir):
    write_template(user_dir / "x.docx", ["{{r verbund_name }}"])
    (user_dir / "x.toml").write_text("title = ", encoding="utf-8")
    infos = {i.name: i for i in available_templates()}
    assert infos["x"].problems and infos["projektantrag"].problems == ()
