"""Server-rendered review pages, one module per concern."""
