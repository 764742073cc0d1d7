"""Extraction: Paper -> Extraction, with a spaCy pipeline assembled from data/config.cfg.

Public interface (everything else in this package is internal):

    extractor = kg.extraction.load()          # no network, ever
    for extraction in extractor.extract(papers, n_process=1):
        ...                                    # kg.model.Extraction, one per paper, same order
"""
