"""Platform spiders: the crawling of one publishing system, written once (STYLE 2)."""
