"""The guided flow: one page class per step."""
