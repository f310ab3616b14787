from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.report_response import ReportResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: str,
    to: str | Unset = UNSET,
    tz: str | Unset = UNSET,
    group_by: list[str],
    columns: list[str] | Unset = UNSET,
    sort: str | Unset = UNSET,
    direction: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    include: str | Unset = UNSET,
    conversion_time_mode: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    filter1: str | Unset = UNSET,
    filter_1_value: str | Unset = UNSET,
    filter2: str | Unset = UNSET,
    filter_2_value: str | Unset = UNSET,
    filter3: str | Unset = UNSET,
    filter_3_value: str | Unset = UNSET,
    workspaces: list[int] | Unset = UNSET,
    compare_from: str | Unset = UNSET,
    compare_to: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["from"] = from_

    params["to"] = to

    params["tz"] = tz

    json_group_by = group_by

    params["groupBy"] = json_group_by

    json_columns: list[str] | Unset = UNSET
    if not isinstance(columns, Unset):
        json_columns = columns

    params["columns"] = json_columns

    params["sort"] = sort

    params["direction"] = direction

    params["limit"] = limit

    params["offset"] = offset

    params["include"] = include

    params["conversionTimeMode"] = conversion_time_mode

    params["currency"] = currency

    params["filter"] = filter_

    params["filter1"] = filter1

    params["filter1Value"] = filter_1_value

    params["filter2"] = filter2

    params["filter2Value"] = filter_2_value

    params["filter3"] = filter3

    params["filter3Value"] = filter_3_value

    json_workspaces: list[int] | Unset = UNSET
    if not isinstance(workspaces, Unset):
        json_workspaces = workspaces

    params["workspaces"] = json_workspaces

    params["compareFrom"] = compare_from

    params["compareTo"] = compare_to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/report",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ReportResponse | None:
    if response.status_code == 200:
        response_200 = ReportResponse.from_dict(response.json())

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
) -> Response[Error | ReportResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: str,
    to: str | Unset = UNSET,
    tz: str | Unset = UNSET,
    group_by: list[str],
    columns: list[str] | Unset = UNSET,
    sort: str | Unset = UNSET,
    direction: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    include: str | Unset = UNSET,
    conversion_time_mode: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    filter1: str | Unset = UNSET,
    filter_1_value: str | Unset = UNSET,
    filter2: str | Unset = UNSET,
    filter_2_value: str | Unset = UNSET,
    filter3: str | Unset = UNSET,
    filter_3_value: str | Unset = UNSET,
    workspaces: list[int] | Unset = UNSET,
    compare_from: str | Unset = UNSET,
    compare_to: str | Unset = UNSET,
) -> Response[Error | ReportResponse]:
    """Statistics report

     Limited to 1 request per second (documented). Example: /v1/report?groupBy=campaign&from=2020-01-01.

    Args:
        from_ (str):  Example: 2026-11-01T00:00:00Z.
        to (str | Unset):  Example: 2026-11-02T00:00:00Z.
        tz (str | Unset):  Example: Etc/GMT.
        group_by (list[str]):
        columns (list[str] | Unset):
        sort (str | Unset):
        direction (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        include (str | Unset):
        conversion_time_mode (str | Unset):
        currency (str | Unset):  Example: USD.
        filter_ (str | Unset):
        filter1 (str | Unset):
        filter_1_value (str | Unset):
        filter2 (str | Unset):
        filter_2_value (str | Unset):
        filter3 (str | Unset):
        filter_3_value (str | Unset):
        workspaces (list[int] | Unset):
        compare_from (str | Unset):
        compare_to (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ReportResponse]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        tz=tz,
        group_by=group_by,
        columns=columns,
        sort=sort,
        direction=direction,
        limit=limit,
        offset=offset,
        include=include,
        conversion_time_mode=conversion_time_mode,
        currency=currency,
        filter_=filter_,
        filter1=filter1,
        filter_1_value=filter_1_value,
        filter2=filter2,
        filter_2_value=filter_2_value,
        filter3=filter3,
        filter_3_value=filter_3_value,
        workspaces=workspaces,
        compare_from=compare_from,
        compare_to=compare_to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    from_: str,
    to: str | Unset = UNSET,
    tz: str | Unset = UNSET,
    group_by: list[str],
    columns: list[str] | Unset = UNSET,
    sort: str | Unset = UNSET,
    direction: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    include: str | Unset = UNSET,
    conversion_time_mode: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    filter1: str | Unset = UNSET,
    filter_1_value: str | Unset = UNSET,
    filter2: str | Unset = UNSET,
    filter_2_value: str | Unset = UNSET,
    filter3: str | Unset = UNSET,
    filter_3_value: str | Unset = UNSET,
    workspaces: list[int] | Unset = UNSET,
    compare_from: str | Unset = UNSET,
    compare_to: str | Unset = UNSET,
) -> Error | ReportResponse | None:
    """Statistics report

     Limited to 1 request per second (documented). Example: /v1/report?groupBy=campaign&from=2020-01-01.

    Args:
        from_ (str):  Example: 2026-11-01T00:00:00Z.
        to (str | Unset):  Example: 2026-11-02T00:00:00Z.
        tz (str | Unset):  Example: Etc/GMT.
        group_by (list[str]):
        columns (list[str] | Unset):
        sort (str | Unset):
        direction (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        include (str | Unset):
        conversion_time_mode (str | Unset):
        currency (str | Unset):  Example: USD.
        filter_ (str | Unset):
        filter1 (str | Unset):
        filter_1_value (str | Unset):
        filter2 (str | Unset):
        filter_2_value (str | Unset):
        filter3 (str | Unset):
        filter_3_value (str | Unset):
        workspaces (list[int] | Unset):
        compare_from (str | Unset):
        compare_to (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ReportResponse
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        tz=tz,
        group_by=group_by,
        columns=columns,
        sort=sort,
        direction=direction,
        limit=limit,
        offset=offset,
        include=include,
        conversion_time_mode=conversion_time_mode,
        currency=currency,
        filter_=filter_,
        filter1=filter1,
        filter_1_value=filter_1_value,
        filter2=filter2,
        filter_2_value=filter_2_value,
        filter3=filter3,
        filter_3_value=filter_3_value,
        workspaces=workspaces,
        compare_from=compare_from,
        compare_to=compare_to,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: str,
    to: str | Unset = UNSET,
    tz: str | Unset = UNSET,
    group_by: list[str],
    columns: list[str] | Unset = UNSET,
    sort: str | Unset = UNSET,
    direction: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    include: str | Unset = UNSET,
    conversion_time_mode: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    filter1: str | Unset = UNSET,
    filter_1_value: str | Unset = UNSET,
    filter2: str | Unset = UNSET,
    filter_2_value: str | Unset = UNSET,
    filter3: str | Unset = UNSET,
    filter_3_value: str | Unset = UNSET,
    workspaces: list[int] | Unset = UNSET,
    compare_from: str | Unset = UNSET,
    compare_to: str | Unset = UNSET,
) -> Response[Error | ReportResponse]:
    """Statistics report

     Limited to 1 request per second (documented). Example: /v1/report?groupBy=campaign&from=2020-01-01.

    Args:
        from_ (str):  Example: 2026-11-01T00:00:00Z.
        to (str | Unset):  Example: 2026-11-02T00:00:00Z.
        tz (str | Unset):  Example: Etc/GMT.
        group_by (list[str]):
        columns (list[str] | Unset):
        sort (str | Unset):
        direction (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        include (str | Unset):
        conversion_time_mode (str | Unset):
        currency (str | Unset):  Example: USD.
        filter_ (str | Unset):
        filter1 (str | Unset):
        filter_1_value (str | Unset):
        filter2 (str | Unset):
        filter_2_value (str | Unset):
        filter3 (str | Unset):
        filter_3_value (str | Unset):
        workspaces (list[int] | Unset):
        compare_from (str | Unset):
        compare_to (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ReportResponse]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        tz=tz,
        group_by=group_by,
        columns=columns,
        sort=sort,
        direction=direction,
        limit=limit,
        offset=offset,
        include=include,
        conversion_time_mode=conversion_time_mode,
        currency=currency,
        filter_=filter_,
        filter1=filter1,
        filter_1_value=filter_1_value,
        filter2=filter2,
        filter_2_value=filter_2_value,
        filter3=filter3,
        filter_3_value=filter_3_value,
        workspaces=workspaces,
        compare_from=compare_from,
        compare_to=compare_to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: str,
    to: str | Unset = UNSET,
    tz: str | Unset = UNSET,
    group_by: list[str],
    columns: list[str] | Unset = UNSET,
    sort: str | Unset = UNSET,
    direction: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    include: str | Unset = UNSET,
    conversion_time_mode: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    filter1: str | Unset = UNSET,
    filter_1_value: str | Unset = UNSET,
    filter2: str | Unset = UNSET,
    filter_2_value: str | Unset = UNSET,
    filter3: str | Unset = UNSET,
    filter_3_value: str | Unset = UNSET,
    workspaces: list[int] | Unset = UNSET,
    compare_from: str | Unset = UNSET,
    compare_to: str | Unset = UNSET,
) -> Error | ReportResponse | None:
    """Statistics report

     Limited to 1 request per second (documented). Example: /v1/report?groupBy=campaign&from=2020-01-01.

    Args:
        from_ (str):  Example: 2026-11-01T00:00:00Z.
        to (str | Unset):  Example: 2026-11-02T00:00:00Z.
        tz (str | Unset):  Example: Etc/GMT.
        group_by (list[str]):
        columns (list[str] | Unset):
        sort (str | Unset):
        direction (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        include (str | Unset):
        conversion_time_mode (str | Unset):
        currency (str | Unset):  Example: USD.
        filter_ (str | Unset):
        filter1 (str | Unset):
        filter_1_value (str | Unset):
        filter2 (str | Unset):
        filter_2_value (str | Unset):
        filter3 (str | Unset):
        filter_3_value (str | Unset):
        workspaces (list[int] | Unset):
        compare_from (str | Unset):
        compare_to (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ReportResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            tz=tz,
            group_by=group_by,
            columns=columns,
            sort=sort,
            direction=direction,
            limit=limit,
            offset=offset,
            include=include,
            conversion_time_mode=conversion_time_mode,
            currency=currency,
            filter_=filter_,
            filter1=filter1,
            filter_1_value=filter_1_value,
            filter2=filter2,
            filter_2_value=filter_2_value,
            filter3=filter3,
            filter_3_value=filter_3_value,
            workspaces=workspaces,
            compare_from=compare_from,
            compare_to=compare_to,
        )
    ).parsed
