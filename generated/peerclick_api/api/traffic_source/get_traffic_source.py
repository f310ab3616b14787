from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.traffic_source_envelope import TrafficSourceEnvelope
from ...types import Response


def _get_kwargs(
    traffic_source_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/traffic-source/{traffic_source_id}".format(
            traffic_source_id=quote(str(traffic_source_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | TrafficSourceEnvelope | None:
    if response.status_code == 200:
        response_200 = TrafficSourceEnvelope.from_dict(response.json())

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
) -> Response[Error | TrafficSourceEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    traffic_source_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Error | TrafficSourceEnvelope]:
    """Get one traffic source

     Answers {"trafficSource": {...}}.

    Args:
        traffic_source_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TrafficSourceEnvelope]
    """

    kwargs = _get_kwargs(
        traffic_source_id=traffic_source_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    traffic_source_id: int,
    *,
    client: AuthenticatedClient,
) -> Error | TrafficSourceEnvelope | None:
    """Get one traffic source

     Answers {"trafficSource": {...}}.

    Args:
        traffic_source_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TrafficSourceEnvelope
    """

    return sync_detailed(
        traffic_source_id=traffic_source_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    traffic_source_id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Error | TrafficSourceEnvelope]:
    """Get one traffic source

     Answers {"trafficSource": {...}}.

    Args:
        traffic_source_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TrafficSourceEnvelope]
    """

    kwargs = _get_kwargs(
        traffic_source_id=traffic_source_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    traffic_source_id: int,
    *,
    client: AuthenticatedClient,
) -> Error | TrafficSourceEnvelope | None:
    """Get one traffic source

     Answers {"trafficSource": {...}}.

    Args:
        traffic_source_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TrafficSourceEnvelope
    """

    return (
        await asyncio_detailed(
            traffic_source_id=traffic_source_id,
            client=client,
        )
    ).parsed
