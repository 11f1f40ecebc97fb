"""The API's shared parts: router (the one /api/v1/), pagination, errors, schema, base viewsets."""
