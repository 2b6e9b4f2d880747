"""The pure analysis core of press monitoring: no Django, no app imports, no network.

`Analyzer` turns an article (title, text, date, source domain) into language, provinces with a
relevance score, topics, sentiment, priority; `group_stories` clusters near-duplicates.
"""

from ttdn.monitoring.nlp.pipeline import Analysis, Analyzer, Article, group_stories

__all__ = ["Analysis", "Analyzer", "Article", "group_stories"]
