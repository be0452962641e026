"""What Kulisse renders for people: the ranked lists (table, json, csv, md, html, xlsx), the
calendar (ics), the digest, the Förderkulisse report and its charts.

The matcher computes; this package only formats. HTML comes from the Jinja templates in
``rendering/html/`` with autoescape on, so crawled text is always escaped.
"""
