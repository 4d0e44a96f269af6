"""Loaded by schemathesis (SCHEMATHESIS_HOOKS) for the fuzz runs.

`Upload` is the GraphQL multipart request spec's file scalar: a file travels only as
a part of a multipart request, never inside a JSON-encoded query. Without a
strategy schemathesis skips `uploadMedia`; with strings in its place the mutation is
fuzzed like any other, and the service must refuse them as bad input (or refuse an
anonymous caller) rather than fail.
"""

import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

schemathesis.graphql.scalar("Upload", st.text(max_size=40).map(nodes.String))
