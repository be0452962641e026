"""Where the TUI calls into corpus, matcher, templates and the crawler, one module per concern.

``profiles`` (load, check, save), ``database`` (opening it, linked calls), ``marks`` (statuses, visits, what is
new), ``rankings`` (the cached, instant and computed ranking, similar calls), ``landscape``,
``labels`` (a call's labels in German), ``drafting`` (template fields, the .docx) and ``crawl``
(the crawler as a child process, read through ``crawler.events``). Importers name the module;
nothing is re-exported here. No module imports textual; every function is plain and testable.
"""
