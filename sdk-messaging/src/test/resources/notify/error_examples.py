#!/usr/bin/env python3
"""Writes one JSON:API error body per (operation, status, error code) the bundled spec documents.

Usage: error_examples.py communications-manager.bundled.json <out dir>

Each body is built from the schema's own `example` values; the entry's `code` takes every value
of its enum in turn. Files are named <operation>-<status>-<code>.json.
"""
import json
import os
import sys


def example(schema, code=None):
    if "example" in schema and schema.get("type") != "object" and schema.get("type") != "array":
        return schema["example"]
    t = schema.get("type")
    if t == "object":
        out = {}
        for k, v in schema.get("properties", {}).items():
            if k == "code" and code is not None:
                out[k] = code
            else:
                out[k] = example(v, code)
        return out
    if t == "array":
        return [example(schema["items"], code)]
    if "enum" in schema:
        return schema["enum"][0]
    return schema.get("example", "x")


spec = json.load(open(sys.argv[1]))
out_dir = sys.argv[2]
os.makedirs(out_dir, exist_ok=True)
names = {"/v1/messages": "send", "/v1/message-batches": "batch", "/v1/messages/{messageId}": "get",
         "/channels/nhsapp/accounts": "accounts"}
for path, item in spec["paths"].items():
    if path not in names:
        continue
    for method, op in item.items():
        if not isinstance(op, dict) or "responses" not in op:
            continue
        for status, resp in op["responses"].items():
            if int(status) < 400:
                continue
            schema = resp["content"]["application/vnd.api+json"]["schema"]
            entry = schema["properties"]["errors"]["items"]
            codes = entry["properties"]["code"].get("enum", [entry["properties"]["code"].get("example")])
            for code in codes:
                body = example(schema, code)
                name = "%s-%s-%s.json" % (names[path], status, code)
                with open(os.path.join(out_dir, name), "w") as f:
                    json.dump(body, f, indent=1)
                    f.write("\n")
