from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "jixiao.documents"
    label = "documents"
    verbose_name = "正式文书"

    def ready(self):
        # Connects the snapshot receiver: an approval keeps what the documents print.
        from jixiao.documents import receivers  # noqa: F401
