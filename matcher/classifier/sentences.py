"""The classifier's sentences come from the one German splitter, ``corpus.sentences``."""

from corpus.sentences import MAX_CHARS, MAX_SENTENCE_CHARS, MAX_SENTENCES, split_sentences

__all__ = ["MAX_CHARS", "MAX_SENTENCES", "MAX_SENTENCE_CHARS", "split_sentences"]
