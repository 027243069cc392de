"""Word documents of a meeting: convocation, feuille d'émargement, compte rendu.

python-docx is imported only when a document is written, never at import time.
Each writer takes (db, meeting_id, target, *, template=None) and returns the written path.
"""
