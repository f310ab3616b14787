from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope import Envelope
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    affiliate_network_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/affiliate-network/{affiliate_network_id}".format(
            affiliate_network_id=quote(str(affiliate_network_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Envelope | Error | None:
    if response.status_code == 200:
        response_200 = Envelope.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if response.status_code == 502:
        response_502 = Error.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Envelope | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    affiliate_network_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Envelope | Error]:
    """Archive an affiliate network

     Deletion archives (deleted: true).

    Args:
        affiliate_network_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Envelope | Error]
    """

    kwargs = _get_kwargs(
        affiliate_network_id=affiliate_network_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    affiliate_network_id: int,
    *,
    client: AuthenticatedClient,
) -> Envelope | Error | None:
    """Archive an affiliate network

     Deletion archives (deleted: true).

    Args:
        affiliate_network_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Envelope | Error
    """

    return sync_detailed(
        affiliate_network_id=affiliate_network_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    affiliate_network_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Envelope | Error]:
    """Archive an affiliate network

     Deletion archives (deleted: true).

    Args:
        affiliate_network_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Envelope | Error]
    """

    kwargs = _get_kwargs(
        affiliate_network_id=affiliate_network_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    affiliate_network_id: int,
    *,
    client: AuthenticatedClient,
) -> Envelope | Error | None:
    """Archive an affiliate network

     Deletion archives (deleted: true).

    Args:
        affiliate_network_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Envelope | Error
    """

    return (
        await asyncio_detailed(
            affiliate_network_id=affiliate_network_id,
            client=client,
        )
    ).parsed
