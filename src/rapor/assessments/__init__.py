"""Assessments: frameworks as stored data, cycles, assignments, answers, evidence, history."""
