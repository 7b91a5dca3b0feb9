"""quoteservice: quote attribution extraction for news articles, served over gRPC."""

__version__ = "0.1.0"
