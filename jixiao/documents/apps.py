from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "jixiao.documents"
    label = "documents"
