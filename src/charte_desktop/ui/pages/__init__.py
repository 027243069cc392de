"""The screens of the side bar, one module each."""
