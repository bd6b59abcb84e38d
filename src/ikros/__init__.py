"""ikros: internkontroll og ROS-analyser som kode for norske kommuner."""

__version__ = "0.1.0"
