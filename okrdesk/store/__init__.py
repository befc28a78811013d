"""The organisation's store: plans publish finished work to PostgreSQL; everyone reads from it.

Qt-free. The plan file stays the working copy in the room; the store holds what each plan
published (workshops, OKRs, alignment, sign-offs with signatures, check-ins and scores), one
owner per unit and cycle, and the hand-overs of that ownership.
"""
