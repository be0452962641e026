"""Custom scrapy commands (``scrapy genspider-kulisse``)."""
