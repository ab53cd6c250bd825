import pytest

from bilat.errors import InputError
from bilat.ingest.decode import decode, document_id, looks_binary, normalise


def test_normalise_is_canonical_and_idempotent() -> None:
    messy = "\ufeffTitle  \r\n\r\n\r\n\r\nBody\u00a0text\u200b here.\t \r\n"
    clean = normalise(messy)
    assert clean == "Title\n\nBody text here."
    assert normalise(clean) == clean
    assert document_id(normalise(messy)) == document_id(normalise(clean + "\n\n"))


def test_decode_utf8_with_and_without_bom() -> None:
    assert decode("Scorpène".encode(), "x") == "Scorpène"
    assert decode(b"\xef\xbb\xbfS-400", "x") == "S-400"
    assert decode("India".encode("utf-16"), "x") == "India"


def test_latin1_is_refused_with_a_hint_unless_named() -> None:
    data = "Scorpène submarines".encode("latin-1")
    with pytest.raises(InputError) as exc:
        decode(data, "sub.txt")
    assert str(exc.value).startswith("sub.txt: not valid UTF-8 (byte 0xe8 at offset 5)")
    assert "--encoding cp1252" in str(exc.value)
    assert decode(data, "sub.txt", "cp1252") == "Scorpène submarines"


def test_binary_detection() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert not looks_binary(b"Plain text\nwith lines\n")
    with pytest.raises(InputError, match="binary data"):
        decode(b"\x00\x01\x02\x03" * 100, "blob.txt")
