"""How much of real minutes' record `site-gen import` recovers, measured against hand labels.

    python -m benchmarks.import_recall                   # ../shared/corpus, corpus_labels.yaml
    python -m benchmarks.import_recall CORPUS LABELS --details --json results.json

Each group folder of the corpus is imported with the real command line into a fresh content
folder, built with the real command line, and what the built site publishes is matched to
the labels. See labels.py, runs.py, opendata.py and score.py for what each step does.
"""
