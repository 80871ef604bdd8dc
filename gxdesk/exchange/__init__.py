"""Readers and writers of other formats (text, JSON, Word, Excel); never imports Qt."""
