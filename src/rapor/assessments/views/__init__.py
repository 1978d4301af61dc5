"""Views of the assessment screens: thin (access helper, form, one domain call, response)."""
