from __future__ import annotations

from datetime import UTC, datetime

from corpus.labels import Addressee, FundingForm, SteeringLevel
from corpus.model import Classification, Evidence, call_from_record
from corpus.store import Store

# (id, level, region, addressee, steering, form, amount)
ROWS = [
    ("bund-a", "bund", "DE", "mo", "praxis", "projekt", "bis zu 50.000 Euro"),
    ("bund-b", "bund", "DE", "kommune", "koordination", "struktur", "bis zu 200.000 Euro"),
    ("bund-c", "bund", "DE", "ko_steuerung", "strategie", "struktur", "bis zu 100.000 Euro"),
    ("land-nw-a", "land", "DE-NW", "mo", "praxis", "projekt", "bis zu 5.000 Euro"),
    ("land-nw-b", "land", "DE-NW", "kommune", "koordination", "struktur", ""),
    ("land-by-a", "land", "DE-BY", "beide_praxis", "praxis", "projekt", "bis zu 20.000 Euro"),
    ("stiftung-a", "stiftung", "DE", "mo", "praxis", "projekt", "bis zu 10.000 Euro"),
    ("eu-a", "eu", "EU", "beide_praxis", "praxis", "projekt", "bis zu 1 Mio. Euro"),
]

EVIL = '<script>alert("x")</script> & [bold red]x[/] {{ 7*7 }}'


def labelled_store(path, *, evil_title: bool = False) -> Store:
    store = Store(path)
    t0 = datetime(2026, 10, 1, tzinfo=UTC)
    run = store.start_run("snapshot", kind="import", now=t0)
    labels = []
    for cid, level, region, addressee, steering, form, amount in ROWS:
        title = EVIL if (evil_title and cid == "bund-c") else f"Aufruf {cid}"
        call = call_from_record(
            {
                "id": cid,
                "title": title,
                "funder": "Geber",
                "level": level,
                "region": region,
                "url": f"https://example.org/{cid}",
                "summary_de": f"Text von {cid}. Gemeinsame Steuerungsgruppe.",
                "amount_text": amount or None,
                "source": "snapshot",
            }
        )
        store.upsert(call, run_id=run, now=t0)
        labels.append(
            (
                cid,
                call.content_hash,
                Classification(
                    addressee=Addressee(addressee),
                    co_steering=addressee == "ko_steuerung",
                    steering_level=SteeringLevel(steering),
                    funding_form=FundingForm(form),
                    placement_type=1,
                    evidence=[
                        Evidence(label="addressee", text=f"Beleg {cid}: Gemeinsame Steuerungsgruppe.", cue="test")
                    ],
                    classifier_version="test",
                ),
            )
        )
    store.finish_run(run, now=t0)
    store.set_labels(labels)
    return store
