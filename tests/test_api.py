"""Request validation and response conversion shared by the server and the embedded CLI."""
from __future__ import annotations

import pytest
from google.rpc import code_pb2

from conftest import SEEDS
from quoteservice.api import KINDS, METHODS, TYPES, Limits, RequestError, validate
from quoteservice.extract.model import Method, QuoteType, SpeakerKind
from quoteservice.v1 import quote_service_pb2 as pb


@pytest.mark.parametrize(("document", "options", "code", "field"), [
    (pb.Document(id="a", text=""), pb.ExtractionOptions(), code_pb2.INVALID_ARGUMENT, "document.text"),
    (pb.Document(id="a", text=" \n\t "), pb.ExtractionOptions(), code_pb2.INVALID_ARGUMENT, "document.text"),
    (pb.Document(id="a", text="a\x00b"), pb.ExtractionOptions(), code_pb2.INVALID_ARGUMENT, "document.text"),
    (pb.Document(id="x" * 2000, text="ok"), pb.ExtractionOptions(), code_pb2.INVALID_ARGUMENT, "document.id"),
    (pb.Document(id="a", text="ok"), pb.ExtractionOptions(min_confidence=1.5), code_pb2.INVALID_ARGUMENT,
     "options.min_confidence"),
    (pb.Document(id="a", text="ok"), pb.ExtractionOptions(min_confidence=float("nan")), code_pb2.INVALID_ARGUMENT,
     "options.min_confidence"),
    (pb.Document(id="a", text="ok"), pb.ExtractionOptions(exclude_types=[0]), code_pb2.INVALID_ARGUMENT,
     "options.exclude_types[0]"),
    (pb.Document(id="a", text="ok"), pb.ExtractionOptions(exclude_types=[42]), code_pb2.INVALID_ARGUMENT,
     "options.exclude_types[0]"),
    (pb.Document(id="a", text="x" * 101), pb.ExtractionOptions(), code_pb2.RESOURCE_EXHAUSTED, "document.text"),
])
def test_bad_input_is_rejected_with_field(document, options, code, field) -> None:
    with pytest.raises(RequestError) as info:
        validate(document, options, Limits(max_chars=100))
    assert info.value.code == code
    assert field in [v.field for v in info.value.violations]


def test_good_input_passes() -> None:
    validate(pb.Document(id="a", text="x" * 100), pb.ExtractionOptions(min_confidence=0.5), Limits(max_chars=100))


TEXT = ("“Negotiations are difficult,” Ukrainian adviser Mykhailo Podolyak told reporters.\n"
        "Russian President Vladimir Putin said that the talks had reached a deadlock.")


def test_response_offsets_index_the_request_text(engine) -> None:
    resp = engine.extract(pb.Document(id="doc", text=TEXT))
    assert resp.document_id == "doc"
    assert [q.id for q in resp.quotes] == [f"q{i + 1}" for i in range(len(resp.quotes))]
    for q in resp.quotes:
        assert TEXT[q.start:q.end] == q.text
        if q.HasField("speaker_mention"):
            m = q.speaker_mention
            assert TEXT[m.start:m.end] == m.text
        assert TEXT[q.cue.start:q.cue.end] == q.cue.text
    assert {s.name for s in resp.speakers} >= {q.speaker.name for q in resp.quotes}


def test_options_filter_types_and_confidence(engine) -> None:
    everything = engine.extract(pb.Document(id="d", text=TEXT))
    types = {q.type for q in everything.quotes}
    assert {pb.QUOTE_TYPE_DIRECT, pb.QUOTE_TYPE_INDIRECT} <= types
    no_direct = engine.extract(pb.Document(id="d", text=TEXT), pb.ExtractionOptions(exclude_types=[pb.QUOTE_TYPE_DIRECT]))
    assert no_direct.quotes and all(q.type != pb.QUOTE_TYPE_DIRECT for q in no_direct.quotes)
    top = max(q.confidence for q in everything.quotes)
    strict = engine.extract(pb.Document(id="d", text=TEXT), pb.ExtractionOptions(min_confidence=top))
    assert 0 < len(strict.quotes) < len(everything.quotes)
    assert all(q.confidence >= top for q in strict.quotes)


def test_extract_many_matches_extract_one_by_one(engine) -> None:
    from quoteservice.api import RequestError

    docs = [pb.Document(id=p.stem, text=p.read_text()) for p in SEEDS[:3]]
    docs.insert(1, pb.Document(id="blank", text=" "))
    got = list(engine.extract_many(docs, batch_size=2))
    assert isinstance(got[1], RequestError) and got[1].code == code_pb2.INVALID_ARGUMENT
    assert [g for i, g in enumerate(got) if i != 1] == [engine.extract(d) for i, d in enumerate(docs) if i != 1]


@pytest.mark.parametrize(("model", "proto", "mapping"), [
    (QuoteType, pb.QuoteType, TYPES), (SpeakerKind, pb.SpeakerKind, KINDS), (Method, pb.AttributionMethod, METHODS)])
def test_enum_maps_cover_model_and_proto(model, proto, mapping) -> None:
    """Every model value has a proto value and every proto value but UNSPECIFIED has a model value."""
    assert set(mapping) == set(model)
    assert sorted(mapping.values()) == sorted(v for n, v in proto.items() if not n.endswith("_UNSPECIFIED"))


def test_cli_type_names_are_the_model_types() -> None:
    from quoteservice.cli import TypeName
    assert {t.value for t in TypeName} == {t.value for t in QuoteType}


def test_beliefs_only_when_asked(engine) -> None:
    """Attributions of belief are not speech: left out by default, returned (and marked) with include_beliefs."""
    doc = pb.Document(id="b", text="Talks\n\nMost voters believe that the economy is getting worse, Peskov said.")
    default = engine.extract(doc, pb.ExtractionOptions())
    asked = engine.extract(doc, pb.ExtractionOptions(include_beliefs=True))
    assert not any(q.HasField("belief") for q in default.quotes)
    beliefs = [q for q in asked.quotes if q.belief]
    assert [q.text for q in beliefs] == ["that the economy is getting worse"]
    assert len(asked.quotes) == len(default.quotes) + 1


def test_noun_phrase_reports_only_when_asked(engine) -> None:
    """A report of a noun phrase says what was spoken about, not what was said: left out by default, returned
    (and marked) with include_noun_phrase_reports; a report with a clause is returned either way."""
    doc = pb.Document(id="n", text="Talks\n\nPeskov denied the reports. Medinsky said that talks would go on.")
    default = engine.extract(doc, pb.ExtractionOptions())
    asked = engine.extract(doc, pb.ExtractionOptions(include_noun_phrase_reports=True))
    assert [(q.text, q.HasField("noun_phrase")) for q in default.quotes] == [("that talks would go on", False)]
    assert [(q.text, q.noun_phrase) for q in asked.quotes] == [("the reports", True), ("that talks would go on", False)]


def test_join_interrupted_only_when_asked(engine) -> None:
    """A quotation its attribution interrupts is one record with join_interrupted, two by default."""
    doc = pb.Document(id="j", text="Talks\n\n“We will not give up,” Podolyak said. “We will never do it.”")
    default = engine.extract(doc, pb.ExtractionOptions())
    asked = engine.extract(doc, pb.ExtractionOptions(join_interrupted=True, explain=True))
    assert [q.text for q in default.quotes] == ["We will not give up", "We will never do it."]
    assert [(q.text, q.type) for q in asked.quotes] == [
        ("We will not give up,” Podolyak said. “We will never do it.", pb.QUOTE_TYPE_MIXED)]
    assert asked.quotes[0].rule.endswith("+interrupted")
