"""Local stand-in for the Wix REST API used by shelfnode's tests and demo.

Python 3 standard library only. Facts about Wix come from shared/wix/API.md; the
reference tags in comments ([R24], [SDK:inv3], ...) point there. Anything Wix does not
document is marked "GUESS:" where it is decided.
"""
