from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "jixiao.documents"
    label = "documents"

    def ready(self):
        # Connects the snapshot receiver: an approval keeps what the documents print.
        from jixiao.documents import receivers  # noqa: F401
