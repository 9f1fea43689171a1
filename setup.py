"""Package layout that pyproject.toml cannot express: resources/templates/ as package data.

The default email templates are kept with the other resources at the top of
the repository (DESIGN.md §5) and installed inside the package, where
``ams_desk.mail.templates.templates_dir`` finds them.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["ams_desk*"]), "ams_desk.mail.default_templates"],
    package_dir={"ams_desk.mail.default_templates": "resources/templates"},
    package_data={
        "ams_desk": ["store/migrations/*.mako", "py.typed"],
        "ams_desk.mail.default_templates": ["*.txt"],
    },
)
