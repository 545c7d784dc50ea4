#!/usr/bin/env python3
"""Bundles NHS Notify's multi-file OpenAPI spec into one self-contained JSON file.

Usage: bundle_spec.py <communications-manager specification dir> <output.json>

Every file $ref (YAML or JSON) is inlined recursively; a $ref to a Markdown file (used for
descriptions) is replaced by a one-line pointer to it, since descriptions do not affect
validation. Keys sit in the order of the source files.
"""
import json
import os
import sys

import yaml


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def resolve(node, base_dir, stack):
    if isinstance(node, dict):
        if "$ref" in node and isinstance(node["$ref"], str) and not node["$ref"].startswith("#"):
            ref = node["$ref"]
            path = os.path.normpath(os.path.join(base_dir, ref))
            if path.endswith(".md"):
                return "See " + os.path.relpath(path, ROOT)
            if path in stack:
                raise SystemExit("cyclic $ref: " + path)
            target = resolve(load(path), os.path.dirname(path), stack + [path])
            siblings = {k: resolve(v, base_dir, stack) for k, v in node.items() if k != "$ref"}
            if isinstance(target, dict):
                merged = dict(target)
                merged.update(siblings)
                return merged
            return target
        return {k: resolve(v, base_dir, stack) for k, v in node.items()}
    if isinstance(node, list):
        return [resolve(v, base_dir, stack) for v in node]
    return node


if __name__ == "__main__":
    ROOT = os.path.abspath(sys.argv[1])
    root_file = os.path.join(ROOT, "communications-manager.yaml")
    bundled = resolve(load(root_file), ROOT, [root_file])
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump(bundled, out, indent=1, ensure_ascii=False, default=str)
        out.write("\n")
