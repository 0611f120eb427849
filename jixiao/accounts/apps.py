from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jixiao.accounts"
    label = "accounts"
