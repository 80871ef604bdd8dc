"""Published views drawn with Qt: the PDF and print preview, the 图解 (PNG, SVG)."""
