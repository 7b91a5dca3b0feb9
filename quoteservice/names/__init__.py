"""Transliteration-aware name normalisation and stable, stateless speaker ids.

parse_name splits a mention into role, given names and surname (Latin script); speaker_id gives
one id to all spellings of one person (Zelensky/Zelenskyy/Зеленський) and different ids to
different people; ArticleSpeakers clusters the mentions of one article.
"""
from __future__ import annotations

from .article import ArticleSpeakers, SpeakerCluster
from .ids import display_name, format_names, guess_kind, person_id, same_person, speaker_id
from .orgs import org_id
from .parse import ParsedName, is_place_or_body, parse_name

__all__ = [
    "ArticleSpeakers",
    "ParsedName",
    "SpeakerCluster",
    "display_name",
    "format_names",
    "guess_kind",
    "is_place_or_body",
    "org_id",
    "parse_name",
    "person_id",
    "same_person",
    "speaker_id",
]
