from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "ttdn.library"
    label = "library"
    verbose_name = "CSDL thông tin đối ngoại"
