"""Views of the target assessment: load, call the domain, save, render. One module per audience."""
