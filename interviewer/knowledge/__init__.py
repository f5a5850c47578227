"""The knowledge base: load and validate knowledge/*.md, index it in Chroma, search it."""
