"""Read documents with spaCy and the gazetteer: sentences, mentions, entities."""
