"""Use cases: what the window and the command line can do, with the domain's rules.

Every function takes the open `Database`, runs in one short session of its own and returns
ORM objects (usable after the session) or plain dataclasses. Rule violations raise
`CharteError` with a French message naming the field.
"""
