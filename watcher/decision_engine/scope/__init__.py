"""Audit scopes: trim a copy of a cluster data model to what an audit may
touch (compute, storage and baremetal parts)."""
